package place.career.leversync.work;

import place.career.leversync.installation.Installation;
import place.career.leversync.lever.LeverSession;

/** The installation a work item belongs to, and the session its Lever calls go through. */
public record WorkContext(Installation installation, LeverSession session) {}
