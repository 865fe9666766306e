package org.solrtoolkit.migration;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.solrtoolkit.Fixtures;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.Commissioning;
import org.solrtoolkit.device.FleetGenerator;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.NewEvent;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.store.Database;
import org.solrtoolkit.store.TestDatabase;

/** A live event on a real database: the demo SMKI, Acme failing, Bravo the SoLR, a generated fleet. */
final class LiveEventFixture {

    final Fixtures.MutableClock clock = new Fixtures.MutableClock(Fixtures.T);
    final Database db;
    final PkiService pki;
    final Event event;
    final CampaignService campaigns;

    LiveEventFixture(Path dir, int meters, TestDatabase database) {
        db = database.open(dir);
        pki = new PkiService(() -> db, new AuditLog(), clock);
        pki.init(dir.resolve("smki"), PartySpec.DEMO, SmkiEnvironment.preset("test", null, null),
                CampaignServiceTest.PASSWORD, Actor.unidentified(null));
        event = new EventService(() -> db, new AuditLog(), clock).create(new NewEvent("Acme failure", "Acme Energy",
                "Bravo Power", List.of(), Fixtures.T, false), Fixtures.standardPlaybook(), Optional.empty());
        new FleetGenerator(() -> db, new AuditLog(), clock, new Commissioning(pki)).generate(meters, 0.5, 5,
                "Acme Energy", CampaignServiceTest.BOB, n -> { });
        campaigns = new CampaignService(() -> db, new AuditLog(), clock, pki, new ChecklistService(() -> db,
                new AuditLog(), clock));
    }
}
