package org.solrtoolkit.report;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link ReportServiceTest} again, on a PostgreSQL server database (issue 18). */
class ReportServiceOnServerTest extends ReportServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
