package dev.ballast.node.proxy;

import io.netty.channel.unix.Buffer;
import io.netty.channel.unix.RawUnixChannelOption;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * Sends every new connection on a shared port (SO_REUSEPORT) to the listener that joined it last, with a
 * one-instruction classic BPF program attached to the port's group of listeners ({@code SO_ATTACH_REUSEPORT_CBPF},
 * Linux 4.5 and later; native epoll only).
 * <p>
 * Why: in bind mode a successor listens on the VIP's port while its predecessor still does. Left to itself the
 * kernel spreads new connections over both by hash, and a connection whose handshake completes into the
 * predecessor's accept queue in the instant it closes its listener is reset. With the program the predecessor stops
 * getting connections the moment its successor listens, so its queue is empty long before it closes.
 * <p>
 * The program answers index 1: the kernel numbers a group's listeners in the order they joined, and a handover has
 * two, the owner (0) and its successor (1). A lone listener makes the index out of range, and the kernel then falls
 * back to its hash, which picks the only listener; once the predecessor closes, the successor becomes number 0.
 */
final class NewestListenerSteering {

    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_REUSEPORT_CBPF = 51;
    /** {@code BPF_RET | BPF_K}: return the constant. */
    private static final short BPF_RET_CONSTANT = 0x06;
    private static final int SECOND_LISTENER = 1;
    /** {@code struct sock_fprog} on 64-bit Linux: a 16-bit length, padding, a pointer to the instructions. */
    private static final int PROGRAM_HEADER_BYTES = 16;
    /** One {@code struct sock_filter}: code (16 bits), jt, jf (8 bits each), k (32 bits). */
    private static final int INSTRUCTION_BYTES = 8;

    static final RawUnixChannelOption OPTION = new RawUnixChannelOption("SO_ATTACH_REUSEPORT_CBPF", SOL_SOCKET,
            SO_ATTACH_REUSEPORT_CBPF, PROGRAM_HEADER_BYTES);

    private NewestListenerSteering() {
    }

    /**
     * The option's value: the program header, pointing at the instruction in the same native buffer (the value
     * keeps that buffer reachable until the option is set). Empty on other than 64-bit pointers.
     */
    static Optional<ByteBuffer> program() {
        if (Buffer.addressSize() != Long.BYTES) {
            return Optional.empty();
        }
        ByteBuffer memory = ByteBuffer.allocateDirect(PROGRAM_HEADER_BYTES + INSTRUCTION_BYTES)
                .order(ByteOrder.nativeOrder());
        memory.putShort(PROGRAM_HEADER_BYTES, BPF_RET_CONSTANT)
                .put(PROGRAM_HEADER_BYTES + 2, (byte) 0)
                .put(PROGRAM_HEADER_BYTES + 3, (byte) 0)
                .putInt(PROGRAM_HEADER_BYTES + 4, SECOND_LISTENER);
        memory.putShort(0, (short) 1)
                .putLong(8, Buffer.memoryAddress(memory) + PROGRAM_HEADER_BYTES);
        return Optional.of(memory.slice(0, PROGRAM_HEADER_BYTES).order(memory.order()));
    }
}
