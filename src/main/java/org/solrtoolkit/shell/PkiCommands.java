package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.event.Event;
import org.solrtoolkit.event.EventService;
import org.solrtoolkit.event.Instants;
import org.solrtoolkit.pki.CertificateInfo;
import org.solrtoolkit.pki.CertificateInspector;
import org.solrtoolkit.pki.CertificateRecord;
import org.solrtoolkit.pki.DeviceIssuance;
import org.solrtoolkit.pki.Eui64;
import org.solrtoolkit.pki.KeyUsageType;
import org.solrtoolkit.pki.LintFinding;
import org.solrtoolkit.pki.PartySpec;
import org.solrtoolkit.pki.PathValidator;
import org.solrtoolkit.pki.PkiException;
import org.solrtoolkit.pki.PkiService;
import org.solrtoolkit.pki.SmkiEnvironment;
import org.solrtoolkit.pki.SmkiPartyKind;
import org.solrtoolkit.playbook.PartyRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandContext;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.CommandAvailability;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.command.CommandRegistration.OptionArity;

/** {@code pki init|inspect|lint|verify|issue|revoke|crl|list|renew}: the simulated SMKI ({@code pki benchmark}: {@link PkiBenchmarkCommands}). */
@Command(command = "pki", group = "SMKI certificates")
public class PkiCommands {

    private final ObjectProvider<ToolkitConfiguration.Smki> pki;
    private final EventService events;
    private final Session session;
    private final Passwords passwords;
    private final Actors actors;

    /** The toolkit's clock: a rehearsal's simulated time, else the system's. */
    private final java.time.Clock clock;

    private final ToolkitConfiguration.DatabaseHolder db;

    PkiCommands(ObjectProvider<ToolkitConfiguration.Smki> pki, EventService events, Session session, Passwords passwords,
            Actors actors, java.time.Clock clock, ToolkitConfiguration.DatabaseHolder db) {
        this.db = db;
        this.clock = clock;
        this.actors = actors;
        this.pki = pki;
        this.events = events;
        this.session = session;
        this.passwords = passwords;
    }

    @Command(command = "init", description = "Set up a complete test SMKI in DIR: CAs, parties' certificates, PKCS#12 and PEM")
    String init(@Option(longNames = "dir", required = true, description = "new or empty directory") String dir,
            @Option(longNames = "party", description = "NAME:KIND:EUI[:GAS_EUI] (SUPPLIER, NETWORK_OPERATOR, DCC;"
                    + " GAS_EUI a supplier's gas user id), repeatable")
            String party,
            @Option(longNames = "environment", defaultValue = "test", description = "test or production") String env,
            @Option(longNames = "org-policy", description = "Organisation Certificate policy OID") String orgPolicy,
            @Option(longNames = "device-policy", description = "Device Certificate policy OID") String devicePolicy,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile,
            CommandContext ctx) {
        db.create(); // pki init may set up a database of its own (a supplier or the PMA working with certificates)
        List<PartySpec> parties = RepeatedOption.values(ctx, "party").stream().map(PartySpec::parse).toList();
        Optional<Event> event = events.current();
        if (parties.isEmpty()) {
            parties = event.map(PkiCommands::eventParties).orElse(PartySpec.DEMO);
        }
        SmkiEnvironment environment = SmkiEnvironment.preset(env, orgPolicy, devicePolicy);
        PkiService.InitResult r = pki.getObject().pki().init(Path.of(dir), parties, environment, passwords.get(passwordFile),
                actor(event));
        db.keep();
        return "SMKI (" + environment.name() + ") in " + r.dir() + ": " + r.certificates() + " certificates for "
                + r.parties().stream().map(p -> p.name() + " (" + p.kind() + ", " + p.eui() + ")")
                .collect(Collectors.joining(", ")) + "\n" + r.files().stream().map(f -> "  " + r.dir().relativize(f))
                .collect(Collectors.joining("\n"));
    }

    /** An event's Failing Supplier and SoLR, with the demo network operator and DCC. */
    private static List<PartySpec> eventParties(Event e) {
        List<PartySpec> parties = new ArrayList<>();
        e.partyOf(PartyRole.FAILING_SUPPLIER).ifPresent(p -> parties.add(demoOr(p.name())));
        e.partyOf(PartyRole.SOLR).ifPresent(p -> parties.add(demoOr(p.name())));
        parties.add(PartySpec.DEMO.get(2));
        parties.add(PartySpec.DEMO.get(3));
        return parties;
    }

    private static PartySpec demoOr(String name) {
        return PartySpec.DEMO.stream().filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
                .orElse(PartySpec.derived(name, SmkiPartyKind.SUPPLIER));
    }

    @Command(command = "inspect", description = "What certificates say: kind, role, key usage, EUI-64, validity, keys, policies")
    String inspect(@Option(longNames = "file", required = true, arity = OptionArity.ONE_OR_MORE,
            description = "PEM or DER files") String[] files,
            @Option(longNames = "format", defaultValue = "text", description = "text or json") String format) {
        List<Map<String, Object>> rows = pki.getObject().pki().inspect(paths(files)).stream().map(e -> info(e.getKey(), e.getValue()))
                .toList();
        if (textOr(format) == Format.JSON) {
            return Rendered.json(rows);
        }
        return rows.stream().map(Rendered::record).collect(Collectors.joining("\n\n"));
    }

    @Command(command = "lint", description = "GBCS profile checks with stable codes; exit 1 on any error")
    String lint(@Option(longNames = "file", required = true, arity = OptionArity.ONE_OR_MORE,
            description = "PEM or DER files") String[] files,
            @Option(longNames = "format", defaultValue = "text", description = "text or json") String format) {
        List<Path> paths = paths(files);
        List<LintFinding> findings = pki.getObject().pki().lint(paths);
        long errors = findings.stream().filter(LintFinding::isError).count();
        String summary = paths.size() + " file(s): " + errors + " error(s), " + (findings.size() - errors)
                + " warning(s)";
        String body = textOr(format) == Format.JSON ? Rendered.json(findings)
                : findings.stream().map(LintFinding::toString).collect(Collectors.joining("\n"));
        if (errors > 0) {
            throw new PkiException(PkiException.Code.LINT_ERRORS, body + "\n" + summary);
        }
        return textOr(format) == Format.JSON ? body : (body.isEmpty() ? "" : body + "\n") + summary;
    }

    @Command(command = "verify", description = "Certification path validation up to --anchor; names the failing link")
    String verify(@Option(longNames = "file", required = true, description = "certificate to verify") String file,
            @Option(longNames = "anchor", required = true, description = "trust anchor (root) certificate") String anchor,
            @Option(longNames = "path", description = "path certificates (Issuing CA), repeatable") String path,
            @Option(longNames = "at", description = "reference time (default: now)") String at,
            @Option(longNames = "ignore-time", defaultValue = "false", description = "disapply validity checks")
            boolean ignoreTime,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format,
            CommandContext ctx) {
        boolean json = Format.parse(format) == Format.JSON;
        if (ignoreTime && at != null) {
            throw new UsageException("give --at T or --ignore-time, not both");
        }
        Optional<Instant> when = ignoreTime ? Optional.empty()
                : Optional.of(at == null ? clock.instant() : Instants.parse("--at", at));
        List<Path> pool = RepeatedOption.values(ctx, "path").stream().map(Path::of).toList();
        PathValidator.Result r = pki.getObject().pki().verify(Path.of(file), Path.of(anchor), pool, when);
        String chain = r.chain().stream().map(CertificateInspector::label).collect(Collectors.joining(" <- "));
        if (!r.ok()) {
            PathValidator.Failure f = r.failure().get();
            String hint = switch (f.check()) {
                case VALIDITY -> "; use --ignore-time to disapply time checks";
                case UNKNOWN_ISSUER -> "; give its issuer with --path";
                default -> "";
            };
            throw new PkiException(PkiException.Code.PATH_INVALID, file + ": path validation FAILED: " + f + hint);
        }
        if (json) {
            Map<String, Object> m = Rendered.map();
            m.put("file", file);
            m.put("ok", true);
            m.put("chain", r.chain().stream().map(CertificateInspector::label).toList());
            m.put("at", when.map(Instant::toString).orElse(null));
            return Rendered.json(m);
        }
        return file + ": OK (" + chain + ")" + (ignoreTime ? " [time checks disapplied]" : " at " + when.get());
    }

    @Command(command = "issue", description = "Issue Device Certificates from the Issuing DCA for consecutive EUI-64s")
    String issue(@Option(longNames = "first-eui", required = true, description = "EUI-64 of the first device") String eui,
            @Option(longNames = "count", defaultValue = "1", description = "number of devices") int count,
            @Option(longNames = "usage", defaultValue = "DS", description = "DS, KA or both") String usage,
            @Option(longNames = "threads", defaultValue = "2", description = "signing threads") int threads,
            @Option(longNames = "out", required = true, description = "PEM bundle to write, - for stdout") String out,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        List<KeyUsageType> usages = usage.equalsIgnoreCase("both") ? List.of(KeyUsageType.DS, KeyUsageType.KA)
                : List.of(usage(usage));
        DeviceIssuance issuance = new DeviceIssuance(pki.getObject().pki());
        char[] password = passwords.get(passwordFile);
        DeviceIssuance.Result r = Stdout.is(out)
                ? issuance.issue(Eui64.parse(eui), count, usages, threads, Stdout.writer(), Stdout.NAME, password,
                        actor(events.current()))
                : issuance.issue(Eui64.parse(eui), count, usages, threads, Path.of(out), password, actor(events.current()));
        // the rate counts key generation too, as 'pki benchmark' does for its issuance figure
        return Stdout.note(out, String.format("%,d", r.certificates()) + " device certificate(s) for " + r.first() + " .. " + r.last()
                + " written to " + r.out() + (r.certificates() >= 1000 ? String.format(" (%,.0f per second)",
                        r.perSecondWithKeyGeneration()) : ""));
    }

    @Command(command = "renew", description = "A new key pair and Organisation Certificate for one of a party's keys (after a compromise)")
    @CommandAvailability(provider = "certificateAvailability")
    String renew(@Option(longNames = "party", required = true, description = "party name") String party,
            @Option(longNames = "key", required = true, description = "keystore alias, e.g. supplier-ds") String key,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        session.requireOperator();
        CertificateRecord r = pki.getObject().pki().renew(party, key, passwords.get(passwordFile), actor(events.current()));
        return "new " + key + " certificate " + r.serial() + " for " + party + " (" + CertificateInspector.label(
                r.certificate()) + "), key in " + r.keystore().orElse("?") + "; revoke the old one if it is"
                + " compromised, and place the new one on meters (campaign run --mode recovery --with \"" + party
                + "\")";
    }

    @Command(command = "renew-root", description = "The DCC, after a Root key compromise: a new Root OCA and Issuing CAs")
    String renewRoot(@Option(longNames = "password-file", description = "first line: the keystore password") String passwordFile) {
        session.requireOperator();
        CertificateRecord r = pki.getObject().pki().renewRoot(passwords.get(passwordFile), actor(events.current()));
        return "new Root OCA " + r.serial() + " (" + CertificateInspector.label(r.certificate()) + ") with a new contingency"
                + " key and new Issuing CAs; place it with 'campaign run --mode contingency', then renew the parties'";
    }

    @Command(command = "revoke", description = "Revoke a certificate (its own party, or the PMA in a rehearsal)")
    @CommandAvailability(provider = "certificateAvailability")
    String revoke(@Option(longNames = "serial", required = true, description = "serial number (hex)") String serial,
            @Option(longNames = "reason", required = true, description = "RFC 5280 reason, e.g. keyCompromise")
            String reason) {
        session.requireOperator();
        CertificateRecord r = pki.getObject().pki().revoke(serial, reason, actor(events.current()));
        return "revoked " + r.serial() + " (" + CertificateInspector.label(r.certificate()) + ") at " + r.revokedAt().orElseThrow()
                + ": " + r.revocationReason().orElse("") + "; publish with 'pki crl --out FILE'";
    }

    @Command(command = "crl", description = "Write the Issuing OCA's CRL (PEM) of every revoked certificate")
    String crl(@Option(longNames = "out", required = true, description = "CRL file to write, - for stdout") String out,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        var crl = Stdout.is(out)
                ? pki.getObject().pki().crl(Stdout.writer(), Stdout.NAME, passwords.get(passwordFile), actor(events.current()))
                : pki.getObject().pki().crl(Path.of(out), passwords.get(passwordFile), actor(events.current()));
        return Stdout.note(out, "CRL of " + crl.getIssuer() + " with " + crl.getRevokedCertificates().size()
                + " revoked certificate(s) written to " + (Stdout.is(out) ? Stdout.NAME : out));
    }

    @Command(command = "list", description = "Certificates recorded in this database (CA and organisation)")
    String list(@Option(longNames = "party", description = "only this party") String party,
            @Option(longNames = "format", defaultValue = "table", description = "table, json or csv") String format) {
        List<Map<String, Object>> rows = pki.getObject().pki().list(party).stream().map(r -> {
            Map<String, Object> m = Rendered.map();
            m.put("serial", r.serial());
            m.put("party", r.party().orElse(""));
            m.put("alias", r.alias().orElse(""));
            m.put("kind", r.kind().name());
            m.put("role", r.role().map(x -> x.code() + " " + x.title()).orElse(""));
            m.put("key_usage", r.keyUsage().map(Enum::name).orElse(""));
            m.put("cell_usage", r.cellUsage().map(Enum::name).orElse(""));
            m.put("eui", r.eui().map(Eui64::toString).orElse(""));
            m.put("status", r.status().name());
            m.put("revoked_at", r.revokedAt().map(Instant::toString).orElse(""));
            m.put("reason", r.revocationReason().orElse(""));
            return m;
        }).toList();
        return Rendered.rows(Format.parse(format), rows, List.of("serial", "party", "alias", "kind", "role", "key_usage",
                "cell_usage", "eui", "status", "revoked_at", "reason"));
    }

    private Actor actor(Optional<Event> event) {
        return actors.of(event);
    }

    private static Map<String, Object> info(String file, CertificateInfo i) {
        Map<String, Object> m = Rendered.map();
        m.put("file", file);
        m.put("kind", i.kind().name());
        m.put("role", i.roleCode().map(c -> c + i.role().map(r -> " " + r.title()).orElse(" (not a GBCS role)"))
                .orElse(""));
        m.put("key_usage", i.keyUsages());
        m.put("eui64", i.eui().map(Eui64::toString).orElse(""));
        m.put("subject", i.subject());
        m.put("issuer", i.issuer());
        m.put("serial", i.serial());
        m.put("not_before", i.notBefore().toString());
        m.put("not_after", i.notAfter().toString());
        m.put("ski", i.ski());
        m.put("aki", i.aki());
        m.put("policies", i.policies());
        m.put("public_key", i.publicKey());
        m.put("signature", i.signatureAlgorithm());
        m.put("sha256", i.sha256());
        return m;
    }

    private static Format textOr(String format) {
        return format.equalsIgnoreCase("text") ? Format.TABLE : Format.parse(format);
    }

    private static KeyUsageType usage(String text) {
        try {
            return KeyUsageType.valueOf(text.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--usage '" + text + "' is not DS, KA or both");
        }
    }

    private static List<Path> paths(String[] files) {
        return Arrays.stream(files).map(Path::of).toList();
    }
}
