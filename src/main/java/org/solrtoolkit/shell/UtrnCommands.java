package org.solrtoolkit.shell;

import java.nio.file.Path;
import org.solrtoolkit.device.Utrn;
import org.solrtoolkit.device.UtrnFiles;
import org.solrtoolkit.pki.Eui64;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** {@code utrn generate|check}: GBCS top-up numbers. */
@Command(command = "utrn", group = "Prepayment")
public class UtrnCommands {

    private final Passwords passwords;

    UtrnCommands(Passwords passwords) {
        this.passwords = passwords;
    }

    @Command(command = "generate", description = "A UTRN from the supplier's top-up KA key for a meter's KA certificate")
    String generate(@Option(longNames = "supplier-key", required = true, description = "PKCS#8 PEM private key")
            String supplierKey,
            @Option(longNames = "originator", required = true, description = "the supplier's EUI-64") String originator,
            @Option(longNames = "device-cert", required = true, description = "the meter's KA Device Certificate")
            String deviceCert,
            @Option(longNames = "counter", required = true, description = "originator counter (unsigned 64-bit)")
            String counter,
            @Option(longNames = "value", required = true, description = "0 to 8191") int value,
            @Option(longNames = "class", defaultValue = "pounds", description = "pounds or pennies") String valueClass,
            @Option(longNames = "password-file", description = "for an encrypted key file") String passwordFile,
            @Option(longNames = "out", defaultValue = "-", description = "file to write the UTRN to, - for stdout")
            String out) {
        long c;
        try {
            c = Long.parseUnsignedLong(counter.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--counter '" + counter + "' is not an unsigned 64-bit number");
        }
        Utrn u = UtrnFiles.generate(Path.of(supplierKey), () -> passwords.get(passwordFile), Eui64.parse(originator),
                Path.of(deviceCert), c, value, Utrn.ValueClass.parse(valueClass));
        if (Stdout.is(out)) {
            return u.digits();
        }
        UtrnFiles.write(u, Path.of(out));
        return "UTRN written to " + out;
    }

    @Command(command = "check", description = "Length and GBCS check digit of a UTRN, and what it carries")
    String check(@Option(longNames = "utrn", required = true, description = "20 digits") String utrn,
            @Option(longNames = "format", defaultValue = "table", description = "table (text) or json") String format) {
        boolean json = Format.parse(format) == Format.JSON;
        Utrn u = new Utrn(utrn);
        if (json) {
            java.util.Map<String, Object> m = Rendered.map();
            m.put("utrn", u.digits());
            m.put("check_digit", "valid");
            m.put("value", u.value());
            m.put("class", u.valueClass().name().toLowerCase());
            m.put("counter_bits_32_41", u.counterBits());
            return Rendered.json(m);
        }
        return u.grouped() + ": valid check digit; " + u.value() + " " + u.valueClass().name().toLowerCase()
                + ", counter bits 32..41 = " + u.counterBits();
    }
}
