package org.solrtoolkit.pki;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.solrtoolkit.Json;
import org.solrtoolkit.audit.Actor;
import org.solrtoolkit.audit.AuditEntry;
import org.solrtoolkit.audit.AuditLog;
import org.solrtoolkit.store.Database;

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

    private final Supplier<Database> db;
    private final AuditLog audit;
    private final Clock clock;
    /** Made on first use: its Bouncy Castle classes cost a command that issues nothing ~0.1 s (signed jars). */
    private CertificateIssuer issuer;
    private final SmkiRepository repo = new SmkiRepository();

    public PkiService(Supplier<Database> db, AuditLog audit, Clock clock) {
        this.db = db;
        this.audit = audit;
        this.clock = clock;
    }

    /** What {@code pki init} made. */
    public record InitResult(Path dir, List<Path> files, int certificates, List<PartySpec> parties) {
    }

    /**
     * Sets up the SMKI in {@code dir} (new or empty) for {@code parties} ({@link SmkiSetup}): a
     * failure leaves neither files nor rows.
     */
    public InitResult init(Path dir, List<PartySpec> parties, SmkiEnvironment env, char[] password, Actor actor) {
        return new SmkiSetup(this).init(dir, parties, env, password, actor);
    }

    /**
     * Records the revocation of a certificate the toolkit knows ({@link Revocations}). Only the
     * certificate's own party may ask, or the PMA in a rehearsal.
     *
     * @throws PkiException UNKNOWN_SERIAL, NOT_ALLOWED, ALREADY_REVOKED or BAD_INPUT (reason)
     */
    public CertificateRecord revoke(String serial, String reason, Actor actor) {
        return new Revocations(this).revoke(serial, reason, actor);
    }

    /** Writes a CRL of every certificate the Issuing OCA has revoked, signed with its key, to {@code out} (PEM). */
    public X509CRLHolder crl(Path out, char[] password, Actor actor) {
        return new Revocations(this).crl(out, password, actor);
    }

    /** The CRL as PEM on {@code out} (e.g. stdout, for a pipe), recorded in the audit as written to {@code name}. */
    public X509CRLHolder crl(java.io.Writer out, String name, char[] password, Actor actor) {
        return new Revocations(this).crl(out, name, password, actor);
    }

    /**
     * Why {@code actor} may neither renew nor revoke any certificate, if so: a party asks for its own
     * certificates, so it needs keys in this SMKI; in a rehearsal the PMA may revoke any.
     */
    public Optional<String> refusal(Actor actor) {
        if (actor.rehearsal() && "PMA".equals(actor.role())) {
            return Optional.empty();
        }
        if (!initialised() || actor.party() != null && repo.party(db.get().jdbc(), actor.party()).isPresent()) {
            return Optional.empty(); // no SMKI yet: the command itself says what to do
        }
        return Optional.of(actor.name() + "@" + actor.party() + ":" + actor.role() + " holds no certificates in this"
                + " SMKI: a party renews and revokes its own (parties: " + String.join(", ", repo.partyNames(
                        db.get().jdbc())) + ")");
    }

    /** Certificates in files, as inspect shows them. */
    public List<Map.Entry<String, CertificateInfo>> inspect(List<Path> files) {
        List<Map.Entry<String, CertificateInfo>> all = new ArrayList<>();
        for (Path f : files) {
            List<X509CertificateHolder> certs = CertificateFiles.read(f);
            for (int i = 0; i < certs.size(); i++) {
                all.add(Map.entry(f + (certs.size() > 1 ? "#" + (i + 1) : ""), new CertificateInspector().inspect(certs.get(i))));
            }
        }
        return all;
    }

    /** Every profile finding of every certificate of every file. */
    public List<LintFinding> lint(List<Path> files) {
        return new ProfileLinter().lint(files);
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
        return new PathValidator().validate(leaf, pool, root, at);
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
        return new Renewal(this).renew(party, alias, password, actor);
    }

    /**
     * Replaces the Root OCA (and the Issuing OCA and DCA under it) with new ones carrying a new
     * Contingency Key Pair ({@link RootRenewal}); only the DCC.
     *
     * @throws PkiException NOT_ALLOWED for anyone but the DCC, NO_SMKI, or a wrong password
     */
    public CertificateRecord renewRoot(char[] password, Actor actor) {
        return new RootRenewal(this).renew(password, actor);
    }

    /** The Root OCA certificates this SMKI has made, newest (the current one) first. */
    public List<X509CertificateHolder> rootCertificates() {
        requireSmki();
        return repo.byAlias(db.get().jdbc(), CA_PARTY, ROOT_ALIAS).stream().map(CertificateRecord::certificate).toList();
    }

    /** The contingency private key of a Root and the plaintext symmetric key that unwraps its public key from it. */
    public record Contingency(java.security.PrivateKey key, byte[] plaintextKey) {
    }

    /**
     * The DCC's contingency keys for the Root OCA whose SKI is {@code rootSki} ({@link ContingencyKey}).
     *
     * @throws PkiException KEYSTORE_ALIAS when this SMKI holds none for that Root (an SMKI set up before
     *     contingency keys were made, or another SMKI's Root), or a wrong password
     */
    public Contingency contingency(String rootSki, char[] password) {
        Path file = Path.of(requireSmki().caKeystore()).resolveSibling(RootMaterial.CONTINGENCY_KEYSTORE);
        if (!Files.exists(file)) {
            throw new PkiException(PkiException.Code.KEYSTORE_ALIAS, "this SMKI has no contingency keys (" + file
                    + " is missing: it was set up before they were made); set up a new SMKI with 'pki init'");
        }
        return new Contingency(Keystores.read(file, password, ContingencyKey.alias(rootSki)).key(),
                Keystores.readSecret(file, password, ContingencyKey.unwrapAlias(rootSki)).getEncoded());
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

    /** The party whose Organisation Certificates carry {@code eui} (for the DCC, any of its roles'), if held. */
    public Optional<PartySpec> partyByEui(Eui64 eui) {
        return parties().stream().filter(p -> p.euis().contains(eui)).findFirst();
    }

    /** The party's newest certificate under {@code alias} (e.g. supplier-ds), if any. */
    public Optional<X509CertificateHolder> certificate(String party, String alias) {
        return repo.byAlias(db.get().jdbc(), party, alias).stream().findFirst().map(CertificateRecord::certificate);
    }

    /** The party's newest certificate under {@code alias} with its status (valid or revoked, when, why). */
    /**
     * The valid DS certificates recorded here for {@code eui} (a party's, each DCC role's, a
     * device's), newest first, to check a GBCS signature by its originator.
     */
    public List<X509CertificateHolder> signingCertificates(Eui64 eui) {
        return repo.signingCertificates(db.get().jdbc(), eui).stream().map(CertificateRecord::certificate).toList();
    }

    /** The public keys of {@link #signingCertificates}, to check a signature by its originator. */
    public List<java.security.PublicKey> signingKeys(Eui64 eui) {
        return signingCertificates(eui).stream().map(Gbcs::publicKey).toList();
    }

    /** A certificate recorded here by its serial number (hex), to check a DUIS signature by X509IssuerSerial. */
    public Optional<X509CertificateHolder> certificateBySerial(java.math.BigInteger serial) {
        return repo.find(db.get().jdbc(), CertificateInspector.serialHex(serial))
                .map(CertificateRecord::certificate);
    }

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
                "no SMKI in this database; run 'pki init {dir} DIR' first"));
    }

    synchronized CertificateIssuer issuer() {
        if (issuer == null) {
            issuer = new CertificateIssuer(clock);
        }
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
                    before, after, null, reason, null, Json.mapper().writeValueAsString(detail));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static void requirePassword(char[] password) {
        if (password == null || password.length < 8) {
            throw new PkiException(PkiException.Code.KEYSTORE_PASSWORD, "keystore password must be at least 8"
                    + " characters; set SOLR_TOOLKIT_KEYSTORE_PASSWORD, use {password-file} or answer the prompt");
        }
    }

    static void writePem(Path file, List<X509CertificateHolder> certs) throws IOException {
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.US_ASCII); JcaPEMWriter pem = new JcaPEMWriter(w)) {
            for (X509CertificateHolder c : certs) {
                pem.writeObject(c);
            }
        }
    }

    static void deleteQuietly(Path dir) {
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
