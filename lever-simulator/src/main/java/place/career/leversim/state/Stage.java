package place.career.leversim.state;

/** Pipeline stage; ids are free-form strings such as "applicant-new", not always UUIDs. */
public record Stage(String id, String text) {
}
