package org.solrtoolkit.rehearsal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.solrtoolkit.playbook.PartyRole;
import org.solrtoolkit.playbook.Playbook;
import org.solrtoolkit.playbook.PlaybookCatalog;
import org.solrtoolkit.playbook.PlaybookException;
import org.solrtoolkit.playbook.PlaybookLoader;
import org.solrtoolkit.playbook.PlaybookProblem;
import org.solrtoolkit.playbook.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a rehearsal scenario and reports every problem with its line, like the playbook loader:
 * unknown fields, an unknown playbook, parties, a fleet of no meters, trainees whose role the
 * playbook does not have or whose party is not in the scenario, unknown fault types, faults before
 * the appointment or ending before they start, and parameters out of range.
 */
public final class ScenarioLoader {

    private static final Set<String> TOP = Set.of("id", "title", "playbook", "appointment", "seed", "parties", "fleet",
            "trainees", "faults", "customers");
    private static final Set<String> PARTIES = Set.of("failing_supplier", "solr", "srps");
    private static final Set<String> SRP = Set.of("name", "acts_for");
    private static final Set<String> FLEET = Set.of("count", "prepayment_share", "csv");
    private static final Set<String> TRAINEE = Set.of("name", "party", "role");

    private final PlaybookCatalog catalog;

    public ScenarioLoader(PlaybookCatalog catalog) {
        this.catalog = catalog;
    }

    /** What validating a scenario found: every problem and, if there is no error, the scenario. */
    public record Validation(String file, List<PlaybookProblem> problems, Optional<Scenario> scenario) {
        public List<PlaybookProblem> errors() {
            return problems.stream().filter(PlaybookProblem::isError).toList();
        }
    }

    /** Validates {@code file}; the playbook it names is looked up beside the file, then in its parent folder. */
    public Validation validate(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new RehearsalException(RehearsalException.Code.BAD_SCENARIO, "scenario " + file + " cannot be read: "
                    + e.getClass().getSimpleName() + " " + e.getMessage() + "; give the path of a scenario YAML file");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return new Validation(file.toString(), List.of(new PlaybookProblem(file.toString(), 1,
                    PlaybookProblem.Severity.ERROR, "file is not UTF-8 text")), Optional.empty());
        }
        return new Reader(file, text, PlaybookLoader.sha256(bytes)).read();
    }

    /**
     * Loads a scenario that must be valid.
     *
     * @throws RehearsalException BAD_SCENARIO with the first problem and how many there are
     */
    public Scenario load(Path file) {
        Validation v = validate(file);
        return v.scenario().orElseThrow(() -> new RehearsalException(RehearsalException.Code.BAD_SCENARIO, "scenario "
                + file + " is invalid (" + v.errors().size() + " problem" + (v.errors().size() == 1 ? "" : "s")
                + ", first: " + v.errors().get(0) + "); run 'rehearsal validate " + file + "' for all of them"));
    }

    private final class Reader extends YamlReader {
        private final Path path;
        private final String sha256;

        Reader(Path path, String text, String sha256) {
            super(path.toString(), text);
            this.path = path;
            this.sha256 = sha256;
        }

        Validation read() {
            Optional<Node> root = compose();
            if (hasErrors()) {
                return done(null);
            }
            if (!(root.orElse(null) instanceof MappingNode top)) {
                error(root.map(YamlReader::lineOf).orElse(1), "a scenario is a mapping with fields "
                        + String.join(", ", TOP.stream().sorted().toList()));
                return done(null);
            }
            Map<String, NodeTuple> f = fields(top, TOP, "scenario");
            String id = requiredId(f, "id", top, "scenario");
            String title = optionalScalar(f, "title").orElse(id);
            Playbook playbook = playbook(f, top);
            Instant appointment = requiredScalar(f, "appointment", top, "scenario") == null ? null
                    : instant(optionalScalar(f, "appointment").get(), valueLine(f, "appointment"));
            long seed = optionalScalar(f, "seed").map(s -> number(s, valueLine(f, "seed"), "seed", Long.MIN_VALUE,
                    Long.MAX_VALUE)).orElse(1L);
            Parties parties = parties(f, top);
            Scenario.Fleet fleet = fleet(f, top);
            CustomersReader customersReader = new CustomersReader(file, text);
            org.solrtoolkit.device.CustomerReaction customers = customersReader.read(f.get("customers"));
            absorb(customersReader.problems());
            List<Scenario.Trainee> trainees = trainees(f, top, playbook, parties);
            FaultsReader faultsReader = new FaultsReader(file, text);
            List<Scenario.Fault> faults = faultsReader.read(f.get("faults"), appointment, parties.failing(),
                    parties.solr());
            absorb(faultsReader.problems());
            if (hasErrors()) {
                return done(null);
            }
            return done(new Scenario(id, title, playbook, appointment, seed, parties.failing, parties.solr,
                    parties.srps, fleet, trainees, faults, path.toString(), sha256, text, customers));
        }

        private Validation done(Scenario s) {
            return new Validation(file, problems(), Optional.ofNullable(s));
        }

        private Playbook playbook(Map<String, NodeTuple> f, MappingNode top) {
            String ref = requiredScalar(f, "playbook", top, "scenario");
            if (ref == null) {
                return null;
            }
            Path dir = path.toAbsolutePath().getParent();
            Path beside = dir.resolve(ref);
            List<Path> dirs = new ArrayList<>();
            if (dir.getParent() != null) {
                dirs.add(dir.getParent());
            }
            Path cwd = Path.of("playbooks").toAbsolutePath();
            if (!dirs.contains(cwd) && Files.isDirectory(cwd)) {
                dirs.add(cwd);
            }
            PlaybookException first = null;
            try {
                if (Files.isRegularFile(beside)) {
                    return catalog.find(dir, beside.toString());
                }
                for (Path d : dirs) {
                    try {
                        return catalog.find(d, ref);
                    } catch (PlaybookException e) {
                        if (e.code().equals("INVALID")) {
                            throw e;
                        }
                        first = first == null ? e : first;
                    }
                }
            } catch (PlaybookException e) {
                first = e;
            }
            error(valueLine(f, "playbook"), "playbook '" + ref + "': " + (first == null ? "not found beside the"
                    + " scenario or in playbooks/" : first.getMessage()));
            return null;
        }

        private record Parties(String failing, String solr, List<Scenario.Srp> srps) {
        }

        private Parties parties(Map<String, NodeTuple> f, MappingNode top) {
            NodeTuple t = f.get("parties");
            if (t == null || !(t.getValueNode() instanceof MappingNode m)) {
                error(t == null ? lineOf(top) : lineOf(t.getValueNode()), "scenario: 'parties' must be a mapping with"
                        + " failing_supplier, solr and optional srps (a list of {name, acts_for})");
                return new Parties(null, null, List.of());
            }
            Map<String, NodeTuple> p = fields(m, PARTIES, "parties");
            String failing = requiredScalar(p, "failing_supplier", m, "parties");
            String solr = requiredScalar(p, "solr", m, "parties");
            if (failing != null && failing.equalsIgnoreCase(solr)) {
                error(valueLine(p, "solr"), "parties: the SoLR must be a different supplier from the failing supplier");
            }
            List<Scenario.Srp> srps = new ArrayList<>();
            NodeTuple s = p.get("srps");
            if (s != null && s.getValueNode() instanceof SequenceNode seq) {
                for (Node n : seq.getValue()) {
                    if (!(n instanceof MappingNode sm)) {
                        error(lineOf(n), "an SRP is a mapping with name and acts_for");
                        continue;
                    }
                    Map<String, NodeTuple> sf = fields(sm, SRP, "srp");
                    String name = requiredScalar(sf, "name", sm, "srp");
                    String actsFor = requiredScalar(sf, "acts_for", sm, "srp");
                    if (actsFor != null && !actsFor.equalsIgnoreCase(failing) && !actsFor.equalsIgnoreCase(solr)) {
                        error(valueLine(sf, "acts_for"), "srp " + name + ": acts_for '" + actsFor + "' is neither the"
                                + " failing supplier nor the SoLR");
                    } else if (name != null && actsFor != null) {
                        srps.add(new Scenario.Srp(name, actsFor.equalsIgnoreCase(failing) ? failing : solr));
                    }
                }
            } else if (s != null && !isNull(s.getValueNode())) {
                error(lineOf(s.getValueNode()), "parties: 'srps' must be a list of {name, acts_for}");
            }
            return new Parties(failing, solr, srps);
        }

        private Scenario.Fleet fleet(Map<String, NodeTuple> f, MappingNode top) {
            NodeTuple t = f.get("fleet");
            if (t == null || !(t.getValueNode() instanceof MappingNode m)) {
                error(t == null ? lineOf(top) : lineOf(t.getValueNode()), "scenario: 'fleet' must be a mapping:"
                        + " {count: N, prepayment_share: F} to generate meters, or {csv: FILE} to import them");
                return null;
            }
            Map<String, NodeTuple> ff = fields(m, FLEET, "fleet");
            Optional<String> csv = optionalScalar(ff, "csv");
            if (csv.isPresent()) {
                if (ff.containsKey("count")) {
                    error(valueLine(ff, "count"), "fleet: give either count (generate) or csv (import), not both");
                }
                Path file = path.toAbsolutePath().getParent().resolve(csv.get());
                if (!Files.isRegularFile(file)) {
                    error(valueLine(ff, "csv"), "fleet: csv file " + file + " does not exist");
                }
                return new Scenario.Fleet(0, 0, Optional.of(file));
            }
            String count = requiredScalar(ff, "count", m, "fleet");
            long n = count == null ? 0 : number(count, valueLine(ff, "count"), "fleet count", 1, 10_000_000);
            double share = optionalScalar(ff, "prepayment_share").map(s -> fraction(s, valueLine(ff,
                    "prepayment_share"), "fleet prepayment_share", true)).orElse(0.3);
            return new Scenario.Fleet(n, share, Optional.empty());
        }

        private List<Scenario.Trainee> trainees(Map<String, NodeTuple> f, MappingNode top, Playbook playbook,
                Parties parties) {
            NodeTuple t = f.get("trainees");
            List<Scenario.Trainee> out = new ArrayList<>();
            if (t == null || !(t.getValueNode() instanceof SequenceNode seq) || seq.getValue().isEmpty()) {
                error(t == null ? lineOf(top) : lineOf(t.getValueNode()), "scenario: 'trainees' must be a list of"
                        + " {name, party, role}: who logs in as which party in which role");
                return out;
            }
            Set<String> seen = new LinkedHashSet<>();
            for (Node n : seq.getValue()) {
                if (!(n instanceof MappingNode m)) {
                    error(lineOf(n), "a trainee is a mapping with name, party and role");
                    continue;
                }
                Map<String, NodeTuple> tf = fields(m, TRAINEE, "trainee");
                String name = requiredScalar(tf, "name", m, "trainee");
                String party = requiredScalar(tf, "party", m, "trainee");
                String roleText = requiredScalar(tf, "role", m, "trainee");
                if (roleText == null) {
                    continue;
                }
                Optional<PartyRole> role = PartyRole.find(roleText);
                int line = valueLine(tf, "role");
                if (role.isEmpty()) {
                    error(line, "trainee " + name + ": unknown role '" + roleText + "' (known: " + PartyRole.names()
                            + ")");
                    continue;
                }
                if (playbook != null && !playbook.roles().contains(role.get())) {
                    error(line, "trainee " + name + ": role " + role.get() + " has no steps in playbook "
                            + playbook.id() + " (roles: " + playbook.roles() + ")");
                    continue;
                }
                if (party != null && !partyHasRole(parties, party, role.get())) {
                    error(valueLine(tf, "party"), "trainee " + name + ": '" + party + "' is not the scenario's "
                            + role.get() + " party");
                    continue;
                }
                if (name != null && party != null && !seen.add(name.toLowerCase(Locale.ROOT) + "/" + role.get())) {
                    error(lineOf(m), "trainee " + name + " is listed twice as " + role.get());
                } else if (name != null && party != null) {
                    out.add(new Scenario.Trainee(name, party, role.get()));
                }
            }
            return out;
        }

        private boolean partyHasRole(Parties p, String party, PartyRole role) {
            return switch (role) {
                case FAILING_SUPPLIER -> party.equalsIgnoreCase(p.failing());
                case SOLR -> party.equalsIgnoreCase(p.solr());
                case SRP -> p.srps().stream().anyMatch(s -> s.name().equalsIgnoreCase(party));
                default -> true;
            };
        }

    }
}
