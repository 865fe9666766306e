package org.solrtoolkit.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/**
 * Who is who on a PostgreSQL server database (issue 18), on a real server: the administrator maps
 * database logins to operators; a login acts only in its role, refused by the toolkit and, when
 * tried with SQL directly, by the database's row-level security; the PMA's login reads and writes
 * nothing; the audit row records the login and cannot be written in another's name.
 */
class OperatorDirectoryTest {

    private static final String PASSWORD = "op-test-password";
    private final String suffix = "_" + ProcessHandle.current().pid() + "_" + System.nanoTime() % 100_000;
    private String url;
    private Database admin;
    private EventService events;
    private OperatorDirectory directory;
    private Event event;

    @BeforeEach
    void eventWithLogins() {
        url = TestDatabase.newServerUrl();
        admin = Database.server(url, TestDatabase.serverEnv());
        events = new EventService(() -> admin, new AuditLog(), java.time.Clock.systemUTC());
        directory = new OperatorDirectory(() -> admin, new AuditLog(), java.time.Clock.systemUTC());
        event = events.create(EventFixture.standardEvent(), Fixtures.standardPlaybook(), Optional.empty());
        for (String l : new String[] {"alice", "bob", "sam", "pat", "nobody"}) {
            admin.jdbc().getJdbcTemplate().execute("CREATE ROLE " + l + suffix + " LOGIN PASSWORD '" + PASSWORD + "'");
        }
        directory.add(event, "alice" + suffix, EventFixture.ALICE, events);
        directory.add(event, "bob" + suffix, EventFixture.BOB, events);
        directory.add(event, "sam" + suffix, EventFixture.SAM, events);
        directory.add(event, "pat" + suffix, Operator.parse("Pat@SMKI PMA:PMA"), events);
    }

    private Database as(String login) {
        Map<String, String> env = new HashMap<>(TestDatabase.serverEnv());
        env.put("PGUSER", login + suffix);
        env.put("PGPASSWORD", PASSWORD);
        return Database.server(url, env);
    }

    @Test
    void aLoginIsTheOperatorItIsMappedToAndAnUnmappedOneIsRefused() {
        Database alice = as("alice");
        assertThat(new OperatorDirectory(() -> alice, new AuditLog(), java.time.Clock.systemUTC()).require(
                Optional.of(event))).isEqualTo(EventFixture.ALICE);
        Database nobody = as("nobody");
        String before = Fixtures.snapshot(admin);
        assertThatThrownBy(() -> new OperatorDirectory(() -> nobody, new AuditLog(), java.time.Clock.systemUTC())
                .require(Optional.of(event))).isInstanceOf(EventException.class)
                .hasMessage("database login 'nobody" + suffix + "' is no operator of event " + event.id() + "; an event"
                        + " administrator maps it to a person, party and role with 'operator add'")
                .extracting(e -> ((EventException) e).errorCode()).isEqualTo(EventException.Code.NO_OPERATOR_MAPPING);
        assertThat(Fixtures.snapshot(admin)).isEqualTo(before);
        alice.close();
        nobody.close();
    }

    @Test
    void aLoginActsOnlyInItsRoleInTheToolkitAndInTheDatabase() {
        Database alice = as("alice");
        ChecklistService asAlice = new ChecklistService(() -> alice, new AuditLog(), java.time.Clock.systemUTC());
        asAlice.change(event, EventFixture.ALICE, new StepRequest("P1-01", StepAction.START, null, null, null, false));
        assertThat(alice.jdbc().queryForObject("SELECT login FROM audit ORDER BY seq DESC LIMIT 1", Map.of(),
                String.class)).as("the audit row records the login").isEqualTo("alice" + suffix);
        String before = Fixtures.snapshot(admin);
        // the toolkit refuses a SoLR step to the Failing Supplier's login ...
        assertThatThrownBy(() -> asAlice.change(event, EventFixture.ALICE, new StepRequest("P1-04", StepAction.START,
                null, null, null, false))).isInstanceOf(EventException.class)
                .extracting(e -> ((EventException) e).errorCode()).isEqualTo(EventException.Code.WRONG_ROLE);
        // ... and so does the database, to the same login writing SQL itself: no row is hers to change
        assertThat((int) alice.write(j -> j.update("UPDATE step_state SET status = 'DONE' WHERE event_id = :e AND step_id ="
                + " 'P1-04'", Map.of("e", event.id())))).isZero();
        // nor may she write an audit row in another's name
        assertThatThrownBy(() -> alice.write(j -> j.update("INSERT INTO audit (seq, at, actor, action, prev_hash, hash,"
                + " login) VALUES (999, 'x', 'x', 'x', 'x', 'x', 'bob" + suffix + "')", Map.of())))
                .rootCause().hasMessageContaining("violates row-level security policy for table \"audit\"");
        assertThat(Fixtures.snapshot(admin)).isEqualTo(before);
        // the SRP acting for the Failing Supplier may change its steps, as the toolkit's rule says
        Database sam = as("sam");
        assertThat((int) sam.write(j -> j.update("UPDATE step_state SET updated_by = updated_by WHERE event_id = :e AND"
                + " step_id = 'P1-01'", Map.of("e", event.id())))).isEqualTo(1);
        assertThat((int) sam.write(j -> j.update("UPDATE step_state SET updated_by = updated_by WHERE event_id = :e AND"
                + " step_id = 'P1-04'", Map.of("e", event.id())))).isZero();
        alice.close();
        sam.close();
    }

    @Test
    void onlyTheSolrsLoginsChangeTheChangeOfSupplierCampaignAndOnlyTheDccsARecoveryCampaign() {
        admin.write(j -> {
            j.update("INSERT INTO campaign (id, event_id, mode, new_supplier, created_at, total) VALUES (1, :e,"
                    + " 'SUPPLIER_BY_TRANS_COS', 'Bravo Power', 0, 2), (2, :e, 'ANY_EXCEPT_ABNORMAL_ROOT_BY_RECOVERY',"
                    + " 'Bravo Power', 0, 1)", Map.of("e", event.id()));
            return j.update("INSERT INTO campaign_item (campaign_id, device_id, grp, state) VALUES (1, 10, 1, 'PENDING'),"
                    + " (1, 11, 1, 'PENDING'), (2, 10, 1, 'PENDING')", Map.of());
        });
        String before = Fixtures.snapshot(admin);
        Database alice = as("alice");
        // the Failing Supplier's login may read the campaign, and change none of it, even with SQL
        assertThat(alice.jdbc().queryForObject("SELECT count(*) FROM campaign_item", Map.of(), Long.class)).isEqualTo(3);
        assertThat((int) alice.write(j -> j.update("UPDATE campaign_item SET state = 'APPLIED'", Map.of()))).isZero();
        assertThat((int) alice.write(j -> j.update("DELETE FROM campaign", Map.of()))).isZero();
        assertThatThrownBy(() -> alice.write(j -> j.update("INSERT INTO campaign_item (campaign_id, device_id, grp,"
                + " state) VALUES (1, 12, 1, 'APPLIED')", Map.of()))).rootCause()
                .hasMessageContaining("violates row-level security policy for table \"campaign_item\"");
        assertThat(Fixtures.snapshot(admin)).isEqualTo(before);
        // the SoLR's login changes the change-of-supplier items and not the DCC's recovery campaign
        Database bob = as("bob");
        assertThat((int) bob.write(j -> j.update("UPDATE campaign_item SET attempts = attempts", Map.of()))).isEqualTo(2);
        assertThat((int) bob.write(j -> j.update("UPDATE campaign SET total = total", Map.of()))).isEqualTo(1);
        alice.close();
        bob.close();
    }

    @Test
    void thePmasLoginReadsEverythingAndWritesNothing() {
        Database pat = as("pat");
        assertThat(pat.jdbc().queryForObject("SELECT count(*) FROM step_state", Map.of(), Long.class)).isEqualTo(41);
        assertThat(pat.jdbc().queryForObject("SELECT count(*) FROM audit", Map.of(), Long.class)).isPositive();
        // the toolkit refuses before trying; the database refuses whatever tries
        assertThatThrownBy(() -> pat.write(j -> j.update("UPDATE step_state SET status = 'DONE'", Map.of())))
                .hasMessageContaining("read-only for this login");
        assertThatThrownBy(() -> pat.jdbc().update("UPDATE step_state SET status = 'DONE'", Map.of()))
                .rootCause().hasMessageContaining("permission denied for table step_state");
        pat.close();
    }

    @Test
    void onlyTheAdministratorMapsLoginsAndOnlyRealOnes() {
        Database bob = as("bob");
        OperatorDirectory asBob = new OperatorDirectory(() -> bob, new AuditLog(), java.time.Clock.systemUTC());
        String before = Fixtures.snapshot(admin);
        assertThatThrownBy(() -> asBob.add(event, "nobody" + suffix, EventFixture.BOB, events))
                .hasMessageContaining("only an event administrator (the database's owner) runs 'operator add'")
                .extracting(e -> ((EventException) e).errorCode()).isEqualTo(EventException.Code.NOT_ADMINISTRATOR);
        assertThatThrownBy(() -> directory.add(event, "ghost" + suffix, EventFixture.BOB, events))
                .hasMessageContaining("is no database login on this server");
        assertThatThrownBy(() -> directory.add(event, "Robert'); DROP TABLE audit; --", EventFixture.BOB, events))
                .hasMessageContaining("is not a plain database login name");
        assertThat(Fixtures.snapshot(admin)).isEqualTo(before);
        bob.close();
    }
}
