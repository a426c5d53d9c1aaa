package dev.ballast.cluster.membership;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The cluster's shared secret, from which two independent keys are derived (HMAC-SHA256 of a purpose label):
 * an AES-256 key for SYM_ENCRYPT and an HMAC key for the join/merge authentication token.
 */
public final class SharedSecret {

    static final int MINIMUM_LENGTH = 16;
    private static final Logger LOG = LogManager.getLogger(SharedSecret.class);
    private static final String HMAC = "HmacSHA256";

    private final SecretKey encryptionKey;
    private final SecretKey authenticationKey;

    private SharedSecret(byte[] secret) throws GeneralSecurityException {
        this.encryptionKey = new SecretKeySpec(derive(secret, "ballast-cluster-encryption-v1"), "AES");
        this.authenticationKey = new SecretKeySpec(derive(secret, "ballast-cluster-authentication-v1"), HMAC);
    }

    public static SharedSecret fromFile(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("cluster secret file " + file + " does not exist or is not readable");
        }
        warnIfReadableByOthers(file);
        byte[] secret = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip()
                .getBytes(StandardCharsets.UTF_8);
        if (secret.length < MINIMUM_LENGTH) {
            throw new IOException("cluster secret in " + file + " is " + secret.length + " bytes; at least "
                    + MINIMUM_LENGTH + " are required (e.g. `head -c 32 /dev/urandom | base64 > " + file + "`)");
        }
        try {
            return new SharedSecret(secret);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM lacks " + HMAC + ", required for the cluster keys", e);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    public SecretKey encryptionKey() {
        return encryptionKey;
    }

    public SecretKey authenticationKey() {
        return authenticationKey;
    }

    static byte[] hmac(SecretKey key, byte[] data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot compute " + HMAC, e);
        }
    }

    private static byte[] derive(byte[] secret, String purpose) throws GeneralSecurityException {
        return hmac(new SecretKeySpec(secret, HMAC), purpose.getBytes(StandardCharsets.UTF_8));
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.OTHERS_READ)
                    || permissions.contains(PosixFilePermission.GROUP_READ)) {
                LOG.warn("cluster secret file {} is readable by group or others; run `chmod 600 {}`", file, file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            LOG.debug("cannot check permissions of {}: {}", file, e.toString());
        }
    }
}
