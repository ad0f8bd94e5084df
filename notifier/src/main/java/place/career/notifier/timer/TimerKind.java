package place.career.notifier.timer;

/** Action of a durable timer when it fires. */
public enum TimerKind {
    /** Sends the invitation e-mail; always sequence 0. */
    INVITATION,
    /** Sends reminder number {@code sequence}, counted from 1. */
    REMINDER,
    /** Opts the candidate out and publishes the outcome. */
    OPT_OUT;

    /** Returns whether firing this timer sends an e-mail. */
    public boolean sendsMail() {
        return this != OPT_OUT;
    }
}
