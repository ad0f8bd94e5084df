package place.career.leversim.http;

import java.util.ArrayList;
import java.util.List;

/** Thread-safe log of every request the simulator served, in order of completion. */
public final class RequestLog {

    private final List<RecordedRequest> entries = new ArrayList<>();

    public synchronized void add(RecordedRequest entry) {
        entries.add(entry);
    }

    public synchronized List<RecordedRequest> entries() {
        return List.copyOf(entries);
    }

    public synchronized void clear() {
        entries.clear();
    }
}
