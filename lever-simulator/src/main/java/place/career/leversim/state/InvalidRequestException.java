package place.career.leversim.state;

/** Thrown when a parameter names something that does not exist or has an invalid value. */
public class InvalidRequestException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public InvalidRequestException(String message) {
        super(message);
    }
}
