package place.career.leversim.state;

/** Thrown when an account, opportunity or other object addressed by id does not exist. */
public class ResourceNotFoundException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public ResourceNotFoundException(String resource, String id) {
        super(resource + " " + id + " was not found");
    }
}
