package org.solrtoolkit.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.CRLNumber;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

/**
 * The simulated SMKI: sets up a complete test PKI (Root OCA, Issuing OCA, Issuing DCA and the
 * parties' Organisation Certificates with their keys in PKCS#12), issues device certificates,
 * revokes and publishes CRLs; inspects, lints and verifies certificate files. Every certificate it
 * makes is recorded in the database with where its key is, and every change is audited.
 */
public final class PkiService {

    static final String ROOT_ALIAS = "root-oca";
    static final String OCA_ALIAS = "issuing-oca";
    static final String DCA_ALIAS = "issuing-dca";
    static final String CA_PARTY = "SMKI CA";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    private final CertificateIssuer issuer;
    private final CertificateInspector inspector = new CertificateInspector();
    private final ProfileLinter linter = new ProfileLinter();
    private final PathValidator validator = new PathValidator();
    private final SmkiRepository repo = new SmkiRepository();

    public PkiService(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
        this.issuer = new CertificateIssuer(clock);
    }

    /** What {@code pki init} made. */
    public record InitResult(Path dir, List<Path> files, int certificates, List<PartySpec> parties) {
    }

    /**
     * Sets up the SMKI in {@code dir} (new or empty) for {@code parties}. Files are written to a
     * staging folder, recorded in the database, then moved into place: a failure leaves neither
     * files nor rows.
     */
    public InitResult init(Path dir, List<PartySpec> parties, SmkiEnvironment env, char[] password, Actor actor) {
        Path target = dir.toAbsolutePath().normalize();
        checkNewParties(parties);
        repo.smki(db.get().jdbc()).ifPresent(existing -> {
            throw new PkiException(PkiException.Code.ALREADY_INITIALISED, "this database already has an SMKI (in "
                    + existing.dir() + "); use a new --db to set up another");
        });
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--dir " + dir
                    + " exists and is not an empty directory; choose a new or empty directory");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "--dir " + dir + ": parent directory "
                    + target.getParent() + " does not exist");
        }
        requirePassword(password);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Path staging;
        try {
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging");
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "--dir " + dir + " cannot be created: " + e.getMessage(), e);
        }
        try {
            Staged staged = stage(staging, target, parties, env, password, now);
            db.get().write(jdbc -> {
                repo.insertSmki(jdbc, new SmkiRepository.Smki(target.toString(), env.name(),
                        env.organisationPolicy().getId(), env.devicePolicy().getId(),
                        target.resolve("ca/ca.p12").toString()), now);
                for (PartySpec p : parties) {
                    repo.insertParty(jdbc, p, target.resolve(p.slug()).resolve(p.slug() + ".p12").toString());
                }
                repo.insertCertificates(jdbc, staged.rows());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("dir", target.toString());
                detail.put("environment", env.name());
                detail.put("organisation_policy", env.organisationPolicy().getId());
                detail.put("device_policy", env.devicePolicy().getId());
                detail.put("parties", parties.stream().map(p -> p.name() + " " + p.kind() + " " + p.eui()).toList());
                detail.put("certificates", staged.rows().size());
                audit.append(jdbc, entry(now, actor, "pki.init", target.toString(), null, "VALID", null, detail));
                return null;
            });
            moveInto(staging, target);
            List<Path> files;
            try (Stream<Path> s = Files.walk(target)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            return new InitResult(target, files, staged.rows().size(), parties);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "--dir " + dir + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(staging);
        }
    }

    private record Staged(List<SqlParameterSource> rows) {
    }

    private Staged stage(Path staging, Path target, List<PartySpec> parties, SmkiEnvironment env, char[] password,
            Instant now) throws IOException {
        List<SqlParameterSource> rows = new ArrayList<>();
        KeyPair rootKeys = issuer.newKeyPair();
        KeyPair ocaKeys = issuer.newKeyPair();
        KeyPair dcaKeys = issuer.newKeyPair();
        X509CertificateHolder root = issuer.root("Test Root OCA", rootKeys, SmkiEnvironment.ANY_POLICY,
                Duration.ofDays(365L * 30));
        X509CertificateHolder oca = issuer.issuingCa("Test Issuing OCA", ocaKeys.getPublic(), root,
                rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
        X509CertificateHolder dca = issuer.issuingCa("Test Issuing DCA", dcaKeys.getPublic(), root,
                rootKeys.getPrivate(), SmkiEnvironment.ANY_POLICY, Duration.ofDays(365L * 20));
        Path caDir = Files.createDirectories(staging.resolve("ca"));
        Map<String, Keystores.Entry> caEntries = new LinkedHashMap<>();
        caEntries.put(ROOT_ALIAS, new Keystores.Entry(rootKeys.getPrivate(), List.of(root)));
        caEntries.put(OCA_ALIAS, new Keystores.Entry(ocaKeys.getPrivate(), List.of(oca, root)));
        caEntries.put(DCA_ALIAS, new Keystores.Entry(dcaKeys.getPrivate(), List.of(dca, root)));
        Keystores.write(caDir.resolve("ca.p12"), password, caEntries);
        for (var e : Map.of(ROOT_ALIAS, root, OCA_ALIAS, oca, DCA_ALIAS, dca).entrySet()) {
            writePem(caDir.resolve(e.getKey() + ".pem"), List.of(e.getValue()));
            rows.add(SmkiRepository.params(inspector.inspect(e.getValue()), e.getValue(), null, CA_PARTY, e.getKey(),
                    target.resolve("ca/ca.p12").toString(), target.resolve("ca/" + e.getKey() + ".pem").toString(),
                    now));
        }
        writePem(staging.resolve("chain.pem"), List.of(oca, dca, root));
        for (PartySpec p : parties) {
            Path pdir = Files.createDirectories(staging.resolve(p.slug()));
            Map<String, Keystores.Entry> entries = new LinkedHashMap<>();
            for (SmkiPartyKind.OrgKey k : p.kind().keys()) {
                KeyPair kp = issuer.newKeyPair();
                X509CertificateHolder c = issuer.organisation(p.name(), k.role(), p.eui(), k.usage(), kp.getPublic(),
                        oca, ocaKeys.getPrivate(), env.organisationPolicy());
                entries.put(k.alias(), new Keystores.Entry(kp.getPrivate(), List.of(c, oca, root)));
                writePem(pdir.resolve(k.alias() + ".pem"), List.of(c));
                rows.add(SmkiRepository.params(inspector.inspect(c), c, k.cellUsage(), p.name(), k.alias(),
                        target.resolve(p.slug()).resolve(p.slug() + ".p12").toString(),
                        target.resolve(p.slug()).resolve(k.alias() + ".pem").toString(), now));
            }
            Keystores.write(pdir.resolve(p.slug() + ".p12"), password, entries);
        }
        return new Staged(rows);
    }

    private static void checkNewParties(List<PartySpec> parties) {
        if (parties.isEmpty()) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "no parties to issue certificates to");
        }
        Set<String> names = new java.util.HashSet<>();
        Set<String> slugs = new java.util.HashSet<>();
        for (PartySpec p : parties) {
            if (!names.add(p.name().toLowerCase(Locale.ROOT)) || !slugs.add(p.slug()) || p.slug().equals("ca")) {
                throw new PkiException(PkiException.Code.BAD_INPUT, "party '" + p.name()
                        + "' is given twice (or clashes with another party's or the CA's folder name)");
            }
        }
    }

    /** Certificates in files, as inspect shows them. */
    public List<Map.Entry<String, CertificateInfo>> inspect(List<Path> files) {
        List<Map.Entry<String, CertificateInfo>> all = new ArrayList<>();
        for (Path f : files) {
            List<X509CertificateHolder> certs = CertificateFiles.read(f);
            for (int i = 0; i < certs.size(); i++) {
                all.add(Map.entry(f + (certs.size() > 1 ? "#" + (i + 1) : ""), inspector.inspect(certs.get(i))));
            }
        }
        return all;
    }

    /** Every profile finding of every certificate of every file. */
    public List<LintFinding> lint(List<Path> files) {
        return linter.lint(files);
    }

    /**
     * Validates the first certificate of {@code file} up to the first certificate of {@code anchor}.
     *
     * @param at the reference time, or empty to disapply time checks
     */
    public PathValidator.Result verify(Path file, Path anchor, List<Path> path, Optional<Instant> at) {
        X509CertificateHolder leaf = CertificateFiles.read(file).get(0);
        X509CertificateHolder root = CertificateFiles.read(anchor).get(0);
        List<X509CertificateHolder> pool = new ArrayList<>();
        for (Path p : path) {
            pool.addAll(CertificateFiles.read(p));
        }
        return validator.validate(leaf, pool, root, at);
    }

    /**
     * Records the revocation of a certificate the toolkit knows. Only the certificate's own party
     * may ask, or the PMA in a rehearsal (the trainer acting for the SMKI PMA; SEC Appendix L leaves
     * revocation decisions to the PMA).
     *
     * @throws PkiException UNKNOWN_SERIAL, NOT_ALLOWED, ALREADY_REVOKED or BAD_INPUT (reason)
     */
    public CertificateRecord revoke(String serial, String reason, Actor actor) {
        String s = normaliseSerial(serial);
        int reasonCode = reasonCode(reason);
        CertificateRecord rec = repo.find(db.get().jdbc(), s).orElseThrow(() -> new PkiException(
                PkiException.Code.UNKNOWN_SERIAL, "unknown serial '" + serial + "': no certificate with that serial"
                        + " is recorded in this database; see 'pki list'"));
        boolean ownParty = rec.party().map(p -> p.equalsIgnoreCase(actor.party())).orElse(false);
        boolean pmaInRehearsal = actor.rehearsal() && "PMA".equals(actor.role());
        if (!ownParty && !pmaInRehearsal) {
            throw new PkiException(PkiException.Code.NOT_ALLOWED, "certificate " + s + " belongs to "
                    + rec.party().orElse("no party") + "; " + actor.name() + "@" + actor.party() + ":" + actor.role()
                    + " may not revoke it (only its own party, or the PMA in a rehearsal)");
        }
        if (rec.status() == CertificateRecord.Status.REVOKED) {
            throw new PkiException(PkiException.Code.ALREADY_REVOKED, "certificate " + s + " was already revoked at "
                    + rec.revokedAt().map(Instant::toString).orElse("?") + " (" + rec.revocationReason().orElse("") + ")");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String reasonName = CRL_REASONS.get(reasonCode);
        db.get().write(jdbc -> {
            if (!repo.revoke(jdbc, s, now, reasonName)) {
                throw new PkiException(PkiException.Code.ALREADY_REVOKED, "certificate " + s
                        + " was revoked by someone else just now; see 'pki list'");
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("party", rec.party().orElse(null));
            detail.put("alias", rec.alias().orElse(null));
            detail.put("subject", rec.certificate().getSubject().toString());
            detail.put("by_pma_in_rehearsal", !ownParty);
            audit.append(jdbc, entry(now, actor, "pki.revoke", s, "VALID", "REVOKED", reasonName, detail));
            return null;
        });
        return repo.find(db.get().jdbc(), s).orElseThrow();
    }

    /**
     * Gives {@code party} a new key pair and Organisation Certificate under {@code alias} (after a
     * compromise: SMKI Recovery Procedure, domain.md section 3): issued by the Issuing OCA with the
     * SMKI's policy, the keystore entry replaced (the file rewritten beside and moved over), the PEM
     * written as {@code ALIAS-SERIAL.pem}, and the certificate recorded as the party's newest for
     * that alias. The old certificate stays recorded (and should be revoked).
     *
     * @throws PkiException UNKNOWN_PARTY, BAD_INPUT for an alias the party does not hold, or a wrong password
     */
    public CertificateRecord renew(String party, String alias, char[] password, Actor actor) {
        SmkiRepository.Smki smki = requireSmki();
        var found = repo.party(db.get().jdbc(), party).orElseThrow(() -> new PkiException(
                PkiException.Code.UNKNOWN_PARTY, "no SMKI keys for party '" + party + "' (parties: "
                        + String.join(", ", repo.partyNames(db.get().jdbc())) + ")"));
        PartySpec p = found.getKey();
        SmkiPartyKind.OrgKey key = p.kind().keys().stream().filter(k -> k.alias().equals(alias)).findFirst()
                .orElseThrow(() -> new PkiException(PkiException.Code.BAD_INPUT, "--key '" + alias + "': a " + p.kind()
                        + " holds " + String.join(", ", p.kind().keys().stream().map(SmkiPartyKind.OrgKey::alias)
                                .toList())));
        Path keystore = Path.of(found.getValue());
        Map<String, Keystores.Entry> entries = new LinkedHashMap<>(Keystores.readAll(keystore, password));
        Keystores.Entry oca = Keystores.read(Path.of(smki.caKeystore()), password, OCA_ALIAS);
        X509CertificateHolder ocaCert = oca.chain().get(0);
        X509CertificateHolder root = rootCertificate();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        KeyPair kp = issuer.newKeyPair();
        X509CertificateHolder c = issuer.organisation(p.name(), key.role(), p.eui(), key.usage(), kp.getPublic(),
                ocaCert, oca.key(), new org.bouncycastle.asn1.ASN1ObjectIdentifier(smki.orgPolicy()));
        entries.put(alias, new Keystores.Entry(kp.getPrivate(), List.of(c, ocaCert, root)));
        CertificateInfo info = inspector.inspect(c);
        Path pem = keystore.resolveSibling(alias + "-" + info.serial() + ".pem");
        Path staged = keystore.resolveSibling("." + keystore.getFileName() + ".renew");
        String replaces = record(p.name(), alias).map(CertificateRecord::serial).orElse(null);
        try {
            Keystores.write(staged, password, entries);
            writePem(pem, List.of(c));
            db.get().write(jdbc -> {
                repo.insertCertificates(jdbc, List.of(SmkiRepository.params(info, c, key.cellUsage(), p.name(), alias,
                        keystore.toString(), pem.toString(), now)));
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("party", p.name());
                detail.put("alias", alias);
                detail.put("serial", info.serial());
                detail.put("replaces", replaces);
                audit.append(jdbc, entry(now, actor, "pki.renew", info.serial(), null, "VALID", null, detail));
                try {
                    java.nio.file.Files.move(staged, keystore, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException e) {
                    throw new PkiException(PkiException.Code.IO, "keystore " + keystore + " cannot be replaced: "
                            + e.getMessage(), e);
                }
                return null;
            });
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "keystore " + keystore + " cannot be written: " + e.getMessage(),
                    e);
        } finally {
            deleteQuietly(staged);
        }
        return repo.find(db.get().jdbc(), info.serial()).orElseThrow();
    }

    /**
     * Writes a CRL of every revoked certificate issued by the Issuing OCA, signed with its key, to
     * {@code out} (PEM).
     */
    public X509CRLHolder crl(Path out, char[] password, Actor actor) {
        SmkiRepository.Smki smki = requireSmki();
        Keystores.Entry oca = Keystores.read(Path.of(smki.caKeystore()), password, OCA_ALIAS);
        X509CertificateHolder ocaCert = oca.chain().get(0);
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        X509v2CRLBuilder b = new X509v2CRLBuilder(ocaCert.getSubject(), Date.from(now));
        b.setNextUpdate(Date.from(now.plus(Duration.ofDays(7))));
        List<CertificateRecord> revoked = repo.revokedBy(db.get().jdbc(), ocaCert.getSubject().toString());
        for (CertificateRecord r : revoked) {
            b.addCRLEntry(r.certificate().getSerialNumber(), Date.from(r.revokedAt().orElse(now)),
                    reasonCode(r.revocationReason().orElse("unspecified")));
        }
        try {
            b.addExtension(Extension.authorityKeyIdentifier, false,
                    new AuthorityKeyIdentifier(Gbcs.keyIdentifier(ocaCert.getSubjectPublicKeyInfo())));
            b.addExtension(Extension.cRLNumber, false, new CRLNumber(BigInteger.valueOf(now.getEpochSecond())));
            X509CRLHolder crl = b.build(new JcaContentSignerBuilder("SHA256withECDSA").setProvider(Gbcs.BC)
                    .build(oca.key()));
            try (Writer w = Files.newBufferedWriter(out, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
                pem.writeObject(crl);
            }
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("out", out.toAbsolutePath().toString());
            detail.put("revoked", revoked.stream().map(CertificateRecord::serial).toList());
            db.get().write(jdbc -> audit.append(jdbc, entry(now, actor, "pki.crl", "Issuing OCA", null,
                    String.valueOf(revoked.size()), null, detail)));
            return crl;
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "CRL " + out + " cannot be written: " + e.getMessage(), e);
        } catch (OperatorCreationException e) {
            throw new PkiException(PkiException.Code.BAD_KEY, "Issuing OCA key cannot sign: " + e.getMessage(), e);
        }
    }

    /** Certificates recorded in the database (organisation and CA; devices are many), optionally of one party. */
    public List<CertificateRecord> list(String party) {
        return repo.list(db.get().jdbc(), party);
    }

    /**
     * A party's private key and chain, found by party name and alias wherever the keystore is.
     *
     * @throws PkiException UNKNOWN_PARTY naming the parties there are
     */
    public Keystores.Entry partyKey(String party, String alias, char[] password) {
        var found = repo.party(db.get().jdbc(), party).orElseThrow(() -> new PkiException(
                PkiException.Code.UNKNOWN_PARTY, "no SMKI keys for party '" + party + "' (parties: "
                        + String.join(", ", repo.partyNames(db.get().jdbc())) + "); run 'pki init' or check the name"));
        return Keystores.read(Path.of(found.getValue()), password, alias);
    }

    /** The parties whose keys the SMKI holds, by name. */
    public List<PartySpec> parties() {
        return repo.parties(db.get().jdbc());
    }

    /** The party whose Organisation Certificates carry {@code eui}, if the SMKI holds it. */
    public Optional<PartySpec> partyByEui(Eui64 eui) {
        return parties().stream().filter(p -> p.eui().equals(eui)).findFirst();
    }

    /** The party's newest certificate under {@code alias} (e.g. supplier-ds), if any. */
    public Optional<X509CertificateHolder> certificate(String party, String alias) {
        return repo.byAlias(db.get().jdbc(), party, alias).stream().findFirst().map(CertificateRecord::certificate);
    }

    /** The party's newest certificate under {@code alias} with its status (valid or revoked, when, why). */
    public Optional<CertificateRecord> record(String party, String alias) {
        return repo.byAlias(db.get().jdbc(), party, alias).stream().findFirst();
    }

    /** The Root OCA certificate (what goes in a meter's Root cell). */
    public X509CertificateHolder rootCertificate() {
        requireSmki();
        return certificate(CA_PARTY, ROOT_ALIAS).orElseThrow();
    }

    /** The Issuing OCA certificate (the certification path of a CS02b). */
    public X509CertificateHolder issuingOcaCertificate() {
        requireSmki();
        return certificate(CA_PARTY, OCA_ALIAS).orElseThrow();
    }

    /** The SMKI's directory. */
    public Path directory() {
        return Path.of(requireSmki().dir());
    }

    /** Whether this database has an SMKI. */
    public boolean initialised() {
        return repo.smki(db.get().jdbc()).isPresent();
    }

    SmkiRepository.Smki requireSmki() {
        return repo.smki(db.get().jdbc()).orElseThrow(() -> new PkiException(PkiException.Code.NO_SMKI,
                "no SMKI in this database; run 'pki init --dir DIR' first"));
    }

    CertificateIssuer issuer() {
        return issuer;
    }

    SmkiRepository repository() {
        return repo;
    }

    Supplier<Database> database() {
        return db;
    }

    AuditLog audit() {
        return audit;
    }

    /** The service clock's now, to the millisecond, for records and audit rows. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    AuditEntry entry(Instant at, Actor actor, String action, String subject, String before, String after,
            String reason, Map<String, Object> detail) {
        try {
            return new AuditEntry(at, actor.eventId(), actor.name(), actor.party(), actor.role(), action, subject,
                    before, after, null, reason, null, JSON.writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void requirePassword(char[] password) {
        if (password == null || password.length < 8) {
            throw new PkiException(PkiException.Code.KEYSTORE_PASSWORD, "keystore password must be at least 8"
                    + " characters; set SOLR_TOOLKIT_KEYSTORE_PASSWORD, use --password-file or answer the prompt");
        }
    }

    private static final Map<Integer, String> CRL_REASONS = Map.ofEntries(
            Map.entry(CRLReason.unspecified, "unspecified"), Map.entry(CRLReason.keyCompromise, "keyCompromise"),
            Map.entry(CRLReason.cACompromise, "cACompromise"), Map.entry(CRLReason.affiliationChanged, "affiliationChanged"),
            Map.entry(CRLReason.superseded, "superseded"), Map.entry(CRLReason.cessationOfOperation, "cessationOfOperation"),
            Map.entry(CRLReason.privilegeWithdrawn, "privilegeWithdrawn"));

    /** RFC 5280 CRLReason by name, case-insensitive. */
    static int reasonCode(String reason) {
        return CRL_REASONS.entrySet().stream().filter(e -> e.getValue().equalsIgnoreCase(reason == null ? "" : reason.trim()))
                .map(Map.Entry::getKey).findFirst().orElseThrow(() -> new PkiException(PkiException.Code.BAD_INPUT,
                        "--reason '" + reason + "' is not an RFC 5280 reason (" + String.join(", ",
                                CRL_REASONS.entrySet().stream().sorted(Map.Entry.comparingByKey())
                                        .map(Map.Entry::getValue).toList()) + ")"));
    }

    static String normaliseSerial(String serial) {
        String s = serial == null ? "" : serial.trim().replace(":", "").toUpperCase(Locale.ROOT);
        s = s.startsWith("0X") ? s.substring(2) : s;
        if (!s.matches("[0-9A-F]{1,40}")) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "serial '" + serial + "' is not hexadecimal");
        }
        return CertificateInspector.serialHex(new BigInteger(s, 16));
    }

    static void writePem(Path file, List<X509CertificateHolder> certs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509CertificateHolder c : certs) {
                pem.writeObject(c);
            }
        }
    }

    private static boolean isEmpty(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void moveInto(Path staging, Path target) throws IOException {
        if (Files.isDirectory(target)) {
            Files.delete(target); // empty, checked above
        }
        try {
            Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            throw new IOException("directory appeared while writing: " + target, e);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a staging folder is hidden and named as such
        }
    }
}
