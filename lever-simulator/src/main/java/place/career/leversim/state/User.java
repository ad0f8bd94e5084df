package place.career.leversim.state;

/** Lever user of one account; {@code accessRole} is e.g. "super admin" or "team member". */
public record User(String id, String name, String email, String accessRole, long createdAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", accessRole=" + accessRole + "]";
    }
}
