package org.solrtoolkit.migration;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link ProtectionServiceTest} again, on a PostgreSQL server database (issue 18). */
class ProtectionServiceOnServerTest extends ProtectionServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
