package org.solrtoolkit.shell;

import java.util.Optional;
import java.util.function.BiFunction;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Operator;
import org.solrtoolkit.migration.CampaignService;
import org.solrtoolkit.migration.ProtectionService;
import org.solrtoolkit.pki.PkiService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.Availability;
import org.springframework.shell.AvailabilityProvider;

/**
 * Role-gated commands, asked of the features that own the rules (the shell holds none): {@code help}
 * marks a command the current operator may not use and says why, and running it anyway exits 1 with
 * that reason. Where the answer needs something not there yet (no database, no current event), the
 * command is left available and says itself what is missing. The services are asked for only when
 * a command's availability is (a one-shot command builds only what it uses).
 */
@Configuration(proxyBeanMethods = false)
class RoleAvailability {

    @Bean
    AvailabilityProvider campaignAvailability(Session session, EventService events,
            ObjectProvider<CampaignService> campaigns) {
        return () -> inEvent(session, events, (e, op) -> campaigns.getObject().refusal(e, op));
    }

    @Bean
    AvailabilityProvider safeModeAvailability(Session session, EventService events,
            ObjectProvider<ProtectionService> protection) {
        return () -> inEvent(session, events, (e, op) -> protection.getObject().refusal(e, op));
    }

    @Bean
    AvailabilityProvider certificateAvailability(Session session, Actors actors, ObjectProvider<ToolkitConfiguration.Smki> pki) {
        return () -> {
            if (!session.hasOperatorSource()) {
                return Completions.noOperator();
            }
            return ask(() -> pki.getObject().pki().refusal(actors.current()));
        };
    }

    private static Availability inEvent(Session session, EventService events,
            BiFunction<Event, Operator, Optional<String>> refusal) {
        if (!session.hasOperatorSource()) {
            return Completions.noOperator();
        }
        return ask(() -> events.current().flatMap(e -> refusal.apply(e, session.requireOperator())));
    }

    private static Availability ask(java.util.function.Supplier<Optional<String>> refusal) {
        Optional<String> why;
        try {
            why = refusal.get();
        } catch (RuntimeException e) {
            return Availability.available(); // e.g. no database or a malformed --as: the command reports it
        }
        return why.map(Availability::unavailable).orElse(Availability.available());
    }
}
