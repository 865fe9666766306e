package org.solrtoolkit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.bouncycastle.cert.X509CertificateHolder;
import org.solrtoolkit.audit.Actor;

/**
 * {@code pki init}: a complete test SMKI (domain.md section 1): Root OCA, Issuing OCA and Issuing
 * DCA, and each party's Organisation Certificates in the GBCS profile with their keys in
 * password-protected PKCS#12. Files are written to a hidden staging folder, recorded in the
 * database with an audit row in one transaction, then moved into place, so a failure leaves
 * neither files nor rows.
 */
final class SmkiSetup {

    private final PkiService pki;
    private final CertificateInspector inspector = new CertificateInspector();

    SmkiSetup(PkiService pki) {
        this.pki = pki;
    }

    /**
     * Sets up the SMKI in {@code dir} (new or empty) for {@code parties}. Files are written to a
     * staging folder, recorded in the database, then moved into place: a failure leaves neither
     * files nor rows.
     */
    PkiService.InitResult init(Path dir, List<PartySpec> parties, SmkiEnvironment env, char[] password, Actor actor) {
        Path target = dir.toAbsolutePath().normalize();
        checkNewParties(parties);
        pki.repository().smki(pki.database().get().jdbc()).ifPresent(existing -> {
            throw new PkiException(PkiException.Code.ALREADY_INITIALISED, "this database already has an SMKI (in "
                    + existing.dir() + "); use a new {db} to set up another");
        });
        if (Files.exists(target) && (!Files.isDirectory(target) || !isEmpty(target))) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "{dir} " + dir
                    + " exists and is not an empty directory; choose a new or empty directory");
        }
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "{dir} " + dir + ": parent directory "
                    + target.getParent() + " does not exist");
        }
        PkiService.requirePassword(password);
        Instant now = pki.now();
        Path staging;
        try {
            staging = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".staging");
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "{dir} " + dir + " cannot be created: " + e.getMessage(), e);
        }
        try {
            Staged staged = stage(staging, target, parties, env, password, now);
            pki.database().get().write(jdbc -> {
                pki.repository().insertSmki(jdbc, new SmkiRepository.Smki(target.toString(), env.name(),
                        env.organisationPolicy().getId(), env.devicePolicy().getId(),
                        target.resolve("ca/ca.p12").toString()), now);
                for (PartySpec p : parties) {
                    pki.repository().insertParty(jdbc, p, target.resolve(p.slug()).resolve(p.slug() + ".p12").toString());
                }
                pki.repository().insertCertificates(jdbc, staged.rows());
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("dir", target.toString());
                detail.put("environment", env.name());
                detail.put("organisation_policy", env.organisationPolicy().getId());
                detail.put("device_policy", env.devicePolicy().getId());
                detail.put("parties", parties.stream().map(p -> p.name() + " " + p.kind() + " " + p.eui()).toList());
                detail.put("certificates", staged.rows().size());
                pki.audit().append(jdbc, pki.entry(now, actor, "pki.init", target.toString(), null, "VALID", null, detail));
                return null;
            });
            moveInto(staging, target);
            List<Path> files;
            try (Stream<Path> s = Files.walk(target)) {
                files = s.filter(Files::isRegularFile).sorted().toList();
            }
            return new PkiService.InitResult(target, files, staged.rows().size(), parties);
        } catch (IOException e) {
            throw new PkiException(PkiException.Code.IO, "{dir} " + dir + ": " + e.getMessage(), e);
        } finally {
            PkiService.deleteQuietly(staging);
        }
    }

    private record Staged(List<Object[]> rows) {
    }

    private Staged stage(Path staging, Path target, List<PartySpec> parties, SmkiEnvironment env, char[] password,
            Instant now) throws IOException {
        List<Object[]> rows = new ArrayList<>();
        RootMaterial m = RootMaterial.create(pki.issuer(), 1);
        X509CertificateHolder root = m.root();
        X509CertificateHolder oca = m.oca();
        X509CertificateHolder dca = m.dca();
        KeyPair ocaKeys = m.ocaKeys();
        Path caDir = Files.createDirectories(staging.resolve("ca"));
        Map<String, Keystores.Entry> caEntries = new LinkedHashMap<>();
        m.putCaEntries(caEntries);
        Keystores.write(caDir.resolve("ca.p12"), password, caEntries);
        Map<String, Keystores.Entry> contingency = new LinkedHashMap<>();
        Map<String, javax.crypto.SecretKey> secrets = new LinkedHashMap<>();
        m.putContingency(contingency, secrets);
        Keystores.write(caDir.resolve(RootMaterial.CONTINGENCY_KEYSTORE), password, contingency, secrets);
        for (var e : m.caCertificates().entrySet()) {
            PkiService.writePem(caDir.resolve(e.getKey() + ".pem"), List.of(e.getValue()));
            rows.add(SmkiRepository.values(inspector.inspect(e.getValue()), e.getValue(), null, PkiService.CA_PARTY, e.getKey(),
                    target.resolve("ca/ca.p12").toString(), target.resolve("ca/" + e.getKey() + ".pem").toString(),
                    now));
        }
        PkiService.writePem(staging.resolve("chain.pem"), List.of(oca, dca, root));
        for (PartySpec p : parties) {
            Path pdir = Files.createDirectories(staging.resolve(p.slug()));
            Map<String, Keystores.Entry> entries = new LinkedHashMap<>();
            for (SmkiPartyKind.OrgKey k : p.kind().keys()) {
                KeyPair kp = pki.issuer().newKeyPair();
                X509CertificateHolder c = pki.issuer().organisation(p.name(), k.role(), p.eui(k.role()), k.usage(), kp.getPublic(),
                        oca, ocaKeys.getPrivate(), env.organisationPolicy());
                entries.put(k.alias(), new Keystores.Entry(kp.getPrivate(), List.of(c, oca, root)));
                PkiService.writePem(pdir.resolve(k.alias() + ".pem"), List.of(c));
                rows.add(SmkiRepository.values(inspector.inspect(c), c, k.cellUsage(), p.name(), k.alias(),
                        target.resolve(p.slug()).resolve(p.slug() + ".p12").toString(),
                        target.resolve(p.slug()).resolve(k.alias() + ".pem").toString(), now));
            }
            SmkiPartyKind.XmlSigningKey x = p.kind().xmlSigning();
            KeyPair xkp = pki.issuer().newKeyPair();
            X509CertificateHolder xc = pki.issuer().organisation(p.name(), x.ou(), p.eui(), KeyUsageType.DS,
                    xkp.getPublic(), oca, ocaKeys.getPrivate(), env.organisationPolicy());
            entries.put(x.alias(), new Keystores.Entry(xkp.getPrivate(), List.of(xc, oca, root)));
            PkiService.writePem(pdir.resolve(x.alias() + ".pem"), List.of(xc));
            rows.add(SmkiRepository.values(inspector.inspect(xc), xc, null, p.name(), x.alias(),
                    target.resolve(p.slug()).resolve(p.slug() + ".p12").toString(),
                    target.resolve(p.slug()).resolve(x.alias() + ".pem").toString(), now));
            if (p.gasUserId().isPresent()) { // the supplier's Gas Supplier user id signs its gas meters' requests
                KeyPair gkp = pki.issuer().newKeyPair();
                X509CertificateHolder gc = pki.issuer().organisation(p.name(), x.ou(), p.gasUserId().get(),
                        KeyUsageType.DS, gkp.getPublic(), oca, ocaKeys.getPrivate(), env.organisationPolicy());
                String alias = PartySpec.GAS_XML_SIGNING_ALIAS;
                entries.put(alias, new Keystores.Entry(gkp.getPrivate(), List.of(gc, oca, root)));
                PkiService.writePem(pdir.resolve(alias + ".pem"), List.of(gc));
                rows.add(SmkiRepository.values(inspector.inspect(gc), gc, null, p.name(), alias,
                        target.resolve(p.slug()).resolve(p.slug() + ".p12").toString(),
                        target.resolve(p.slug()).resolve(alias + ".pem").toString(), now));
            }
            Keystores.write(pdir.resolve(p.slug() + ".p12"), password, entries);
        }
        return new Staged(rows);
    }

    private static void checkNewParties(List<PartySpec> parties) {
        if (parties.isEmpty()) {
            throw new PkiException(PkiException.Code.BAD_INPUT, "no parties to issue certificates to");
        }
        Set<String> names = new HashSet<>();
        Set<String> slugs = new HashSet<>();
        for (PartySpec p : parties) {
            if (!names.add(p.name().toLowerCase(Locale.ROOT)) || !slugs.add(p.slug()) || p.slug().equals("ca")) {
                throw new PkiException(PkiException.Code.BAD_INPUT, "party '" + p.name()
                        + "' is given twice (or clashes with another party's or the CA's folder name)");
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

}
