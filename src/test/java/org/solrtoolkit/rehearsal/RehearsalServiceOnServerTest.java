package org.solrtoolkit.rehearsal;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link RehearsalServiceTest} again, on a PostgreSQL server database (issue 18). */
class RehearsalServiceOnServerTest extends RehearsalServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
