package place.career.notifier.timer;

/** States of a Message-ID in the sent mail log. */
public enum MailLogState {
    /** Handed to SMTP, no reply recorded yet. */
    SENDING,
    /** The SMTP server accepted the message. */
    ACCEPTED,
    /** The last attempt provably failed before acceptance; a retry is scheduled. */
    RETRYING,
    /** The SMTP server rejected the recipient permanently. */
    REJECTED,
    /** The outcome of the SMTP transaction is unknown. */
    UNCERTAIN
}
