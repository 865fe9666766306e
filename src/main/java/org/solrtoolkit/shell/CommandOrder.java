package org.solrtoolkit.shell;

import java.util.Comparator;
import java.util.List;

/**
 * The order commands are listed in by {@code help} and {@code help GROUP}: the order a user meets
 * them in an event (open it, identify, work the checklist, check the audit; then certificates, the
 * fleet, the campaign, rehearsals, reports), not the order of a hash map (issue 14). A command not
 * named here comes after these, alphabetically; {@code LaunchTest} checks that none is missing.
 */
final class CommandOrder {

    static final List<String> COMMANDS = List.of(
            "event create", "event list", "event use", "event show", "event export", "event import",
            "operator login", "operator whoami", "operator logout", "operator add", "operator list",
            "checklist show", "checklist next", "checklist benchmark",
            "step start", "step done", "step block", "step skip", "step reopen", "step show",
            "audit log", "audit verify",
            "playbook validate", "playbook list", "playbook show",
            "pki init", "pki inspect", "pki lint", "pki verify", "pki list", "pki issue", "pki revoke", "pki crl",
            "pki renew", "pki renew-root", "pki benchmark",
            "fleet import", "fleet generate", "fleet stats", "fleet export", "fleet benchmark",
            "fleet certificates export", "fleet certificates import",
            "meter show", "meter topup", "meter protect", "meter sign-pre-commands", "meter import-duis", "meter safe-mode", "meter update-credentials",
            "utrn generate", "utrn check",
            "campaign plan", "campaign run", "campaign status", "campaign failures", "campaign benchmark",
            "campaign export-duis", "dcc simulate", "dcc registration", "dcc transfer-mpids", "campaign import-duis", "duis show", "gbcs decode",
            "rehearsal validate", "rehearsal start", "rehearsal status", "rehearsal score", "rehearsal end",
            "clock show", "clock advance", "clock set",
            "report event",
            "help", "history");

    /** By their place in {@link #COMMANDS}; others after them, by name. */
    static final Comparator<String> BY_USE = Comparator.<String>comparingInt(c -> {
        int i = COMMANDS.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(Comparator.naturalOrder());

    private CommandOrder() {
    }
}
