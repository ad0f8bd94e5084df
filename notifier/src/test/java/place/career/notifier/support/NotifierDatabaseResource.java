package place.career.notifier.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points the notifier's Quarkus tests at a {@link TestDatabase} of their own. */
public class NotifierDatabaseResource implements QuarkusTestResourceLifecycleManager {

    private TestDatabase database;

    @Override
    public Map<String, String> start() {
        database = new TestDatabase();
        return database.datasourceSettings();
    }

    @Override
    public void stop() {
        if (database != null) {
            database.close();
            database = null;
        }
    }
}
