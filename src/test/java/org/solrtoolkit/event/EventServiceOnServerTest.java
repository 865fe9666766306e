package org.solrtoolkit.event;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link EventServiceTest} again, on a PostgreSQL server database (issue 18). */
class EventServiceOnServerTest extends EventServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
