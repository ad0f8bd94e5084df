package place.career.leversim.state;

/**
 * Note on an opportunity. {@code user} is the author's user id, {@code stage} the opportunity's
 * stage when the note was written, {@code score} 1 to 4 or null.
 */
public record Note(
        String noteId,
        String value,
        long createdAt,
        String user,
        boolean secret,
        Integer score,
        boolean notifyFollowers,
        String stage) {

    @Override
    public String toString() {
        return "Note[noteId=" + noteId + ", createdAt=" + createdAt + "]";
    }
}
