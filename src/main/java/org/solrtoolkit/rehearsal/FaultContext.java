package org.solrtoolkit.rehearsal;

import java.time.Clock;
import java.util.Map;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/** What a striking fault acts on: the move's transaction, the rehearsal, its event and SMKI, the fleet, when it strikes. */
record FaultContext(NamedParameterJdbcTemplate jdbc, RehearsalService.Rehearsal rehearsal, Event event, int ordinal,
        Map<String, String> params, PkiService pki, MeterStore meters, Clock clock, java.time.Instant at,
        ScheduledProtection.Protector protector) {

    String failingSupplier() {
        return event.partyOf(PartyRole.FAILING_SUPPLIER).orElseThrow().name();
    }

    String solr() {
        return event.partyOf(PartyRole.SOLR).orElseThrow().name();
    }

    /** The SMKI PMA as the scenario acts for it. */
    Actor pma() {
        return new Actor("SMKI PMA (scenario)", "SMKI PMA", PartyRole.PMA.name(), event.id(), true);
    }
}
