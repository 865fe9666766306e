package org.solrtoolkit.migration;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link DuisExportTest} again, on a PostgreSQL server database (issue 18). */
class DuisExportOnServerTest extends DuisExportTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
