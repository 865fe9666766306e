package org.solrtoolkit.device;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link FleetServiceTest} again, on a PostgreSQL server database (issue 18). */
class FleetServiceOnServerTest extends FleetServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
