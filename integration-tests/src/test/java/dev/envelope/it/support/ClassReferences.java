package dev.envelope.it.support;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The class names and type descriptors a class file links to, read from its constant pool: what
 * the JVM resolves, as opposed to strings that merely look like names (Kotlin metadata, property
 * names).
 */
public final class ClassReferences {
  private ClassReferences() {}

  public static List<String> of(byte[] classFile) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
    if (in.readInt() != 0xCAFEBABE) {
      throw new IOException("not a class file");
    }
    in.readUnsignedShort();
    in.readUnsignedShort();
    int count = in.readUnsignedShort();
    String[] utf8 = new String[count];
    Set<Integer> linked = new HashSet<>();
    for (int i = 1; i < count; i++) {
      int tag = in.readUnsignedByte();
      switch (tag) {
        case 1:
          utf8[i] = in.readUTF();
          break;
        case 7: // Class
        case 16: // MethodType
          linked.add(in.readUnsignedShort());
          break;
        case 8: // String
        case 19: // Module
        case 20: // Package
          in.readUnsignedShort();
          break;
        case 12: // NameAndType: the descriptor links types
          in.readUnsignedShort();
          linked.add(in.readUnsignedShort());
          break;
        case 3:
        case 4:
        case 9:
        case 10:
        case 11:
        case 17:
        case 18:
          in.readInt();
          break;
        case 5:
        case 6:
          in.readLong();
          i++;
          break;
        case 15:
          in.readUnsignedByte();
          in.readUnsignedShort();
          break;
        default:
          throw new IOException("unknown constant pool tag " + tag);
      }
    }
    List<String> out = new ArrayList<>();
    for (int index : linked) {
      if (index > 0 && index < count && utf8[index] != null) {
        out.add(utf8[index]);
      }
    }
    return out;
  }
}
