package org.solrtoolkit.pki;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link PkiServiceTest} again, on a PostgreSQL server database (issue 18). */
class PkiServiceOnServerTest extends PkiServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
