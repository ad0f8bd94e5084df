package place.career.leversim.state;

/** Lever user of one account, with an {@code accessRole} such as "super admin". */
public record User(String id, String name, String email, String accessRole, long createdAt) {

    @Override
    public String toString() {
        return "User[id=" + id + ", accessRole=" + accessRole + "]";
    }
}
