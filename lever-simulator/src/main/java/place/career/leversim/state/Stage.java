package place.career.leversim.state;

/** Pipeline stage. Ids are free-form strings such as "applicant-new", not always UUIDs. */
public record Stage(String id, String text) {
}
