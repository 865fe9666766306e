package org.solrtoolkit.event;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link ChecklistServiceTest} again, on a PostgreSQL server database (issue 18). */
class ChecklistServiceOnServerTest extends ChecklistServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
