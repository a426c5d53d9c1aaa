package dev.ballast.cluster.membership;

import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import javax.crypto.SecretKey;
import org.jgroups.Address;
import org.jgroups.Message;
import org.jgroups.auth.AuthToken;
import org.jgroups.util.Util;

/**
 * JGroups AUTH token proving knowledge of the shared secret: an HMAC over the joiner's own address, so a token
 * seen on the wire cannot be replayed by a process with another address. The coordinator rejects JOIN and MERGE
 * requests without a valid token. JGroups creates the received copy with the no-argument constructor.
 */
public final class SecretAuthToken extends AuthToken {

    private static final int MAC_LENGTH = 32;

    private final SecretKey key;
    private byte[] mac = new byte[MAC_LENGTH];

    /** For JGroups, which instantiates received tokens reflectively and then calls {@link #readFrom}. */
    public SecretAuthToken() {
        this.key = null;
    }

    public SecretAuthToken(SecretKey key) {
        this.key = key;
    }

    @Override
    public String getName() {
        return SecretAuthToken.class.getName();
    }

    @Override
    public int size() {
        return MAC_LENGTH;
    }

    @Override
    public boolean authenticate(AuthToken received, Message msg) {
        if (key == null || !(received instanceof SecretAuthToken token) || msg.src() == null) {
            return false;
        }
        if (token.key != null) {
            // Only an instance created in this JVM holds a key: a request this member sent to itself, unserialized.
            return MessageDigest.isEqual(token.key.getEncoded(), key.getEncoded());
        }
        return MessageDigest.isEqual(macOf(key, msg.src()), token.mac);
    }

    @Override
    public void writeTo(DataOutput out) throws IOException {
        Address self = auth == null ? null : auth.getTransport().getAddress();
        if (key == null || self == null) {
            throw new IOException("this auth token holds no key or is not attached to a started AUTH protocol");
        }
        out.write(macOf(key, self));
    }

    @Override
    public void readFrom(DataInput in) throws IOException {
        mac = new byte[MAC_LENGTH];
        in.readFully(mac);
    }

    private static byte[] macOf(SecretKey key, Address address) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            Util.writeAddress(address, new DataOutputStream(bytes));
            return SharedSecret.hmac(key, bytes.toByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialize address " + address, e);
        }
    }
}
