package org.solrtoolkit.migration;

import org.solrtoolkit.store.TestDatabase;

/** Every test of {@link CampaignServiceTest} again, on a PostgreSQL server database (issue 18). */
class CampaignServiceOnServerTest extends CampaignServiceTest {

    @Override
    TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }
}
