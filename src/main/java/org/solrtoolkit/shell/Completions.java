package org.solrtoolkit.shell;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import org.solrtoolkit.event.ChecklistService;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.StepStatus;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.shell.Availability;
import org.springframework.shell.AvailabilityProvider;
import org.springframework.shell.CompletionProposal;
import org.springframework.shell.completion.CompletionProvider;

/**
 * Tab completion of event ids, step ids, roles and statuses, and the availability rule that
 * step-changing commands need an identified operator.
 */
@Configuration(proxyBeanMethods = false)
class Completions {

    @Bean
    CompletionProvider eventIds(EventService events) {
        return ctx -> safely(() -> events.list().stream().map(Event::id).toList());
    }

    @Bean
    CompletionProvider stepIds(EventService events, ChecklistService checklist) {
        return ctx -> safely(() -> events.current().map(e -> checklist.steps(e).stream().map(s -> s.id()).toList())
                .orElse(List.of()));
    }

    @Bean
    CompletionProvider meterIds(org.springframework.beans.factory.ObjectProvider<org.solrtoolkit.device.FleetService> fleet) {
        return ctx -> safely(() -> fleet.getObject().ids(200).stream().map(Object::toString).toList());
    }

    @Bean
    CompletionProvider roles() {
        return ctx -> proposals(Arrays.stream(PartyRole.values()).map(Enum::name).toList());
    }

    @Bean
    CompletionProvider statuses() {
        return ctx -> proposals(Arrays.stream(StepStatus.values()).map(Enum::name).toList());
    }

    @Bean
    AvailabilityProvider operatorAvailability(Session session) {
        return () -> session.hasOperatorSource() ? Availability.available() : noOperator();
    }

    static Availability noOperator() {
        return Availability.unavailable("no operator is identified: run 'operator login --name N --party P"
                + " --role R', or pass --as 'Name@Party:ROLE' / set SOLR_TOOLKIT_OPERATOR");
    }

    private static List<CompletionProposal> safely(Supplier<List<String>> values) {
        try {
            return proposals(values.get());
        } catch (RuntimeException e) {
            return List.of(); // no database yet: nothing to complete
        }
    }

    private static List<CompletionProposal> proposals(List<String> values) {
        return values.stream().map(CompletionProposal::new).toList();
    }
}
