package org.solrtoolkit.device;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link MeterServiceTest} again, on a PostgreSQL server database (issue 18). */
class MeterServiceOnServerTest extends MeterServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
