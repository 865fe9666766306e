package org.solrtoolkit.shell;

import java.nio.file.Path;
import java.util.Arrays;
import org.solrtoolkit.device.FleetCertificates;
import org.solrtoolkit.device.MeterService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code fleet certificates export|import}: the meters' own DS and KA Device Certificates (issue 16). */
@Command(command = {"fleet", "certificates"}, group = "Fleet")
public class FleetCertificateCommands {

    private final ObjectProvider<MeterService> meters;
    private final Passwords passwords;
    private final Actors actors;

    FleetCertificateCommands(ObjectProvider<MeterService> meters, Passwords passwords, Actors actors) {
        this.meters = meters;
        this.passwords = passwords;
        this.actors = actors;
    }

    @Command(command = "export", description = "Each meter's DS and KA Device Certificates as <EUI>-ds.pem and"
            + " <EUI>-ka.pem (a generated fleet's issued by the DCA for the meters' own keys)")
    String export(@Option(longNames = "out", required = true, description = "folder for the certificates") String out,
            @Option(longNames = "password-file", description = "file whose first line is the keystore password")
            String passwordFile) {
        long n = new FleetCertificates(meters.getObject()).export(Path.of(out), passwords.get(passwordFile),
                actors.current());
        return String.format("%,d meter(s): DS and KA Device Certificates in %s, recorded in this database", n, out);
    }

    @Command(command = "import", description = "Device Certificates (PEM or DER) as the SMKI repository gives them,"
            + " so the meters' answers can be checked")
    String importFiles(@Option(longNames = "file", required = true, arity = CommandRegistration.OptionArity.ONE_OR_MORE,
            description = "certificate files") String[] files) {
        int n = new FleetCertificates(meters.getObject()).importFiles(Arrays.stream(files).map(Path::of).toList(),
                actors.current());
        return String.format("%,d Device Certificate(s) recorded (the others were recorded before)", n);
    }
}
