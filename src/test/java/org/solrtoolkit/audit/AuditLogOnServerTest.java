package org.solrtoolkit.audit;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link AuditLogTest} again, on a PostgreSQL server database (issue 18). */
class AuditLogOnServerTest extends AuditLogTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
