package org.solrtoolkit.rehearsal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.device.MeterStore;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.pki.PkiService;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * A rehearsal's faults over simulated time: strikes the pending ones due by a moment and ends the
 * active ones whose window closes by then, in time order, each with the clock at its own time (so
 * what it does is recorded then), each with its audit row. Pending faults stay hidden from trainees.
 */
final class FaultSchedule {

    private final RehearsalRepository repo;
    private final AuditLog audit;
    private final RehearsalNetwork network;
    private final PkiService pki;
    private final MeterStore meters;
    private final Clock clock;
    private ScheduledProtection.Protector protector = (e, as, step) -> {
        throw new RehearsalException(RehearsalException.Code.BAD_INPUT, "a scheduled protective request needs the"
                + " toolkit's protection service, which this rehearsal was not given");
    };

    /** How scheduled protective requests are sent (set by the rehearsal service). */
    void protector(ScheduledProtection.Protector p) {
        this.protector = p;
    }

    FaultSchedule(RehearsalRepository repo, AuditLog audit, RehearsalNetwork network, PkiService pki, MeterStore meters,
            Clock clock) {
        this.repo = repo;
        this.audit = audit;
        this.network = network;
        this.pki = pki;
        this.meters = meters;
        this.clock = clock;
    }

    /** Faults that have struck, by time. */
    List<RehearsalService.FaultView> struck(NamedParameterJdbcTemplate jdbc, String eventId) {
        return repo.faults(jdbc, eventId, List.of("ACTIVE", "OVER")).stream().map(f -> new RehearsalService.FaultView(f.ordinal(),
                f.type().id(), f.startsAt(), f.endsAt(), f.state(), f.detail().path("what").asText(""))).toList();
    }

    /** The distinct times in (from, to] at which a pending fault strikes, in order. */
    List<Instant> startsIn(NamedParameterJdbcTemplate jdbc, String eventId, Instant from, Instant to) {
        return repo.faults(jdbc, eventId, List.of("PENDING")).stream().map(RehearsalRepository.FaultRow::startsAt)
                .filter(t -> t.isAfter(from) && !t.isAfter(to)).distinct().sorted().toList();
    }

    /** Runs what is due by {@code to}; returns a line per fault that struck or ended. */
    List<String> until(NamedParameterJdbcTemplate jdbc, RehearsalService.Rehearsal r, Event e, Instant to, Actor actor) {
        record Due(Instant at, boolean start, RehearsalRepository.FaultRow fault) {
        }
        List<Due> due = new ArrayList<>();
        for (RehearsalRepository.FaultRow f : repo.faults(jdbc, e.id(), List.of("PENDING", "ACTIVE"))) {
            if (f.state().equals("PENDING") && !f.startsAt().isAfter(to)) {
                due.add(new Due(f.startsAt(), true, f));
            }
            if (f.endsAt().isPresent() && !f.endsAt().get().isAfter(to)) {
                due.add(new Due(f.endsAt().get(), false, f));
            }
        }
        due.sort(Comparator.comparing(Due::at).thenComparing(d -> !d.start()).thenComparingInt(d -> d.fault().ordinal()));
        List<String> said = new ArrayList<>();
        for (Due d : due) {
            repo.setClock(jdbc, e.id(), d.at());
            network.invalidate();
            RehearsalRepository.FaultRow f = d.fault();
            FaultType type = f.type();
            String label = "fault " + f.ordinal() + " " + type.id();
            if (d.start()) {
                FaultEffect effect = type.effect();
                Map<String, Object> detail = effect.strike(new FaultContext(jdbc, r, e, f.ordinal(), f.params(), pki,
                        meters, clock, d.at(), protector));
                String state = effect.lasting() ? "ACTIVE" : "OVER";
                repo.setFault(jdbc, e.id(), f.ordinal(), state, detail);
                audit.append(jdbc, AuditEntry.of(d.at(), actor, "rehearsal.fault", label, "PENDING", state, detail));
                said.add(label + " struck at " + SimulatedTime.offset(e, d.at()) + ": " + detail.get("what"));
            } else {
                repo.setFault(jdbc, e.id(), f.ordinal(), "OVER", null);
                audit.append(jdbc, AuditEntry.of(d.at(), actor, "rehearsal.fault.end", label, "ACTIVE", "OVER",
                        Map.of("what", type.id() + " ended")));
                said.add(label + " ended at " + SimulatedTime.offset(e, d.at()));
            }
        }
        network.invalidate();
        return said;
    }
}
