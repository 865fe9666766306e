package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.migration.DccSimulation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code dcc simulate}: the simulated DCC and fleet answer exported DUIS requests (issue 16). */
@Command(command = "dcc", group = "Wire formats (DUIS, GBCS)")
public class DccCommands {

    private final ObjectProvider<DccSimulation> dcc;
    private final EventService events;
    private final Passwords passwords;
    private final Actors actors;
    private final Session session;

    DccCommands(ObjectProvider<DccSimulation> dcc, EventService events, Passwords passwords, Actors actors,
            Session session) {
        this.session = session;
        this.dcc = dcc;
        this.events = events;
        this.passwords = passwords;
        this.actors = actors;
    }

    @Command(command = "simulate", description = "The simulated DCC and the event's fleet answer exported 6.23"
            + " requests (one signed DUIS response each, new requests only) and send the alerts of future-dated"
            + " commands now due")
    String simulate(@Option(longNames = "requests", required = true, description = "folder of exported requests")
            String requests,
            @Option(longNames = "responses", required = true, description = "folder for the responses") String responses,
            @Option(longNames = "commands", description = "folder for the GBCS commands sent (hex), as the DCC's logs")
            String commands,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        Event event = events.requireCurrent();
        Actor actor = actors.of(Optional.of(event));
        long started = System.nanoTime();
        DccSimulation.Result r = dcc.getObject().simulate(event, Path.of(requests), Path.of(responses),
                Optional.ofNullable(commands).map(Path::of), passwords.get(passwordFile), actor);
        if (Format.parse(format) == Format.JSON) {
            Map<String, Object> m = Rendered.map();
            m.put("requests", r.requests());
            Map<String, Object> by = Rendered.map();
            r.outcomes().forEach((k, v) -> by.put(k.name(), v));
            m.put("outcomes", by);
            m.put("already_answered", r.alreadyAnswered());
            m.put("future_dated_alerts", r.alerts());
            m.put("unreadable", r.unreadable());
            m.put("responses", r.responses().toString());
            return Rendered.json(m);
        }
        StringBuilder sb = new StringBuilder(String.format("the DCC answered %,d request(s) into %s%s:", r.requests(),
                responses, CampaignDuisCommands.rate(r.requests(), "requests", started)));
        r.outcomes().forEach((k, v) -> sb.append(String.format("%n  %-32s %s %,d", k, k.code(), v)));
        if (r.alreadyAnswered() > 0) {
            sb.append(String.format("%n  %,d request(s) answered before, not again", r.alreadyAnswered()));
        }
        if (r.alerts() > 0) {
            sb.append(String.format("%n  %,d future-dated command(s) executed: 8F66/8F67 alerts written", r.alerts()));
        }
        r.unreadable().forEach(u -> sb.append("\n  not a DUIS request, no response: ").append(u));
        return sb.toString();
    }

    @Command(command = "registration", description = "The simulated DCC's registration data: which supplier is"
            + " registered for the event's meter points, from and until when (MP185)")
    String registration(@Option(longNames = "format", defaultValue = "table", description = "table, json or csv")
            String format) {
        java.util.List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (org.solrtoolkit.migration.DccRegistration.Row r : dcc.getObject().registrations().registration(events.requireCurrent())) {
            Map<String, Object> m = Rendered.map();
            m.put("supplier", r.supplier());
            m.put("meter_points", r.mpxn() == null ? "all of the event's" : r.mpxn());
            m.put("from", r.from().equals(java.time.Instant.EPOCH) ? "before the event" : r.from().toString());
            m.put("until", r.until() == null ? "" : r.until().toString());
            rows.add(m);
        }
        return Rendered.rows(Format.parse(format), rows, java.util.List.of("supplier", "meter_points", "from", "until"));
    }

    @Command(command = "transfer-mpids", description = "SoLR: record the MPID transfer agreed with the PMA and the"
            + " DCC (P3-06); from then the DCC rejects the Failing Supplier's and its SRP's requests (E19)")
    String transferMpids(@Option(longNames = "at", required = true, description = "ISO-8601 instant, T or later")
            String at) {
        java.time.Instant when;
        try {
            when = java.time.Instant.parse(at);
        } catch (java.time.format.DateTimeParseException e) {
            throw new UsageException("--at '" + at + "' is not an ISO-8601 instant such as 2026-11-27T09:00:00Z");
        }
        Event event = events.requireCurrent();
        dcc.getObject().registrations().transferMpids(event, session.requireOperator(), when, actors.of(Optional.of(event)));
        return "the Failing Supplier's MPIDs move to the SoLR at " + when + ": the DCC rejects its and its SRP's"
                + " requests from then (E19)";
    }
}
