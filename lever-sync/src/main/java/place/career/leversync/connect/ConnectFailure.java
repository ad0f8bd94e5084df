package place.career.leversync.connect;

/** Ends an OAuth callback early with a result other than {@link ConnectResult#CONNECTED}. */
public class ConnectFailure extends RuntimeException {

    private final ConnectResult result;

    public ConnectFailure(ConnectResult result, String message) {
        super(message);
        this.result = result;
    }

    public ConnectFailure(ConnectResult result, String message, Throwable cause) {
        super(message, cause);
        this.result = result;
    }

    public ConnectResult result() {
        return result;
    }
}
