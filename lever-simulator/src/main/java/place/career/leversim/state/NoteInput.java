package place.career.leversim.state;

/**
 * Fields of a new note. {@code createdAt} (epoch ms) and {@code score} may be null, {@code user}
 * is the author's user id.
 */
public record NoteInput(
        String value,
        boolean secret,
        Integer score,
        boolean notifyFollowers,
        Long createdAt,
        String user) {

    @Override
    public String toString() {
        return "NoteInput[user=" + user + ", createdAt=" + createdAt + "]";
    }
}
