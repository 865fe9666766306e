package org.solrtoolkit.migration;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link DuisImportTest} again, on a PostgreSQL server database (issue 18). */
class DuisImportOnServerTest extends DuisImportTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
