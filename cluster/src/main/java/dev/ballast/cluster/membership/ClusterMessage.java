package dev.ballast.cluster.membership;

import dev.ballast.cluster.election.MemberStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** The messages members exchange, in a small explicit binary form (no Java serialization). */
sealed interface ClusterMessage {

    byte STATUS = 1;
    byte PROMOTE = 2;
    byte MEMBERSHIP_CHECK = 3;
    byte MEMBERSHIP_ANSWER = 4;
    int MAX_CLAIMS = 1024;

    /** A member's current {@link MemberStatus}, sent on every change and every view change. */
    record Status(MemberStatus status) implements ClusterMessage {
    }

    /** An operator asked for {@code node} to become primary. */
    record Promote(String node) implements ClusterMessage {
    }

    /** Sent after this process was paused: does the receiver still count the sender as a member of its view? */
    record MembershipCheck(long id) implements ClusterMessage {
    }

    /** The answer to {@link MembershipCheck} {@code id}: whether the asking member is in the answerer's view. */
    record MembershipAnswer(long id, boolean member) implements ClusterMessage {
    }

    static byte[] encode(ClusterMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            if (message instanceof Status s) {
                MemberStatus status = s.status();
                out.writeByte(STATUS);
                out.writeUTF(status.node());
                out.writeBoolean(status.eligible());
                out.writeInt(status.priority());
                out.writeBoolean(status.preempt());
                out.writeInt(status.claims().size());
                for (Map.Entry<String, Long> claim : status.claims().entrySet()) {
                    out.writeUTF(claim.getKey());
                    out.writeLong(claim.getValue());
                }
            } else if (message instanceof Promote p) {
                out.writeByte(PROMOTE);
                out.writeUTF(p.node());
            } else if (message instanceof MembershipCheck check) {
                out.writeByte(MEMBERSHIP_CHECK);
                out.writeLong(check.id());
            } else if (message instanceof MembershipAnswer answer) {
                out.writeByte(MEMBERSHIP_ANSWER);
                out.writeLong(answer.id());
                out.writeBoolean(answer.member());
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message, e);
        }
        return bytes.toByteArray();
    }

    static ClusterMessage decode(byte[] data, int offset, int length) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data, offset, length))) {
            byte type = in.readByte();
            if (type == PROMOTE) {
                return new Promote(in.readUTF());
            }
            if (type == MEMBERSHIP_CHECK) {
                return new MembershipCheck(in.readLong());
            }
            if (type == MEMBERSHIP_ANSWER) {
                return new MembershipAnswer(in.readLong(), in.readBoolean());
            }
            if (type != STATUS) {
                throw new IOException("unknown cluster message type " + type);
            }
            String node = in.readUTF();
            boolean eligible = in.readBoolean();
            int priority = in.readInt();
            boolean preempt = in.readBoolean();
            int claimCount = in.readInt();
            if (claimCount < 0 || claimCount > MAX_CLAIMS) {
                throw new IOException("implausible claim count " + claimCount + " from " + node);
            }
            Map<String, Long> claims = new LinkedHashMap<>();
            for (int i = 0; i < claimCount; i++) {
                claims.put(in.readUTF(), in.readLong());
            }
            return new Status(new MemberStatus(node, eligible, priority, preempt, claims));
        }
    }
}
