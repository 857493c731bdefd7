using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;

namespace RulePlugins.Compiler;

/// <summary>
/// The compile worker's wire format. Each message is a frame: a 4-byte little-endian length, then that many bytes.
/// A request frame holds a <see cref="CompileRequest"/>; the answer frame holds the assembly bytes, the compile
/// errors (with their 0-based lines, which the host maps to tree paths), or a failure message. Strings are UTF-8 with
/// a 7-bit encoded length (<see cref="BinaryWriter"/>). The first byte of every payload is <see cref="Version"/>.
/// </summary>
public static class WorkerProtocol
{
    /// <summary>The format version; a frame of another version is refused.</summary>
    public const byte Version = 1;

    /// <summary>The largest frame either side accepts (256 MiB).</summary>
    public const int MaxFrameBytes = 256 * 1024 * 1024;

    private const byte Compiled = 0;
    private const byte Errors = 1;
    private const byte Failure = 2;

    /// <summary>Writes a request frame and flushes.</summary>
    public static void WriteRequest(Stream stream, CompileRequest request)
    {
        using var payload = new MemoryStream(request.Text.Length + 4096);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(request.Text);
            writer.Write(request.SourcePath);
            writer.Write(request.AssemblyName);
            writer.Write(request.References.Length);
            foreach (var reference in request.References)
            {
                writer.Write(reference);
            }

            writer.Write(request.Tables.Length);
            foreach (var table in request.Tables)
            {
                writer.Write(table.RowType);
                writer.Write(table.Table);
                writer.Write(table.Columns.Length);
                foreach (var column in table.Columns)
                {
                    writer.Write(column.Name);
                    writer.Write(column.Property);
                }

                writer.Write(table.Loaded.Length);
                foreach (var loaded in table.Loaded)
                {
                    writer.Write(loaded);
                }
            }
        }

        WriteFrame(stream, payload);
    }

    /// <summary>Reads a request frame; null at the end of the stream (the host closed it: the worker exits).</summary>
    public static CompileRequest? ReadRequest(Stream stream)
    {
        if (ReadFrame(stream) is not { } payload)
        {
            return null;
        }

        using var reader = Reader(payload);
        var text = reader.ReadString();
        var path = reader.ReadString();
        var assemblyName = reader.ReadString();
        var references = ImmutableArray.CreateBuilder<string>();
        for (var i = Count(reader); i > 0; i--)
        {
            references.Add(reader.ReadString());
        }

        var tables = ImmutableArray.CreateBuilder<TableCheck>();
        for (var i = Count(reader); i > 0; i--)
        {
            var rowType = reader.ReadString();
            var table = reader.ReadString();
            var columns = ImmutableArray.CreateBuilder<ColumnCheck>();
            for (var c = Count(reader); c > 0; c--)
            {
                columns.Add(new ColumnCheck(reader.ReadString(), reader.ReadString()));
            }

            var loaded = ImmutableArray.CreateBuilder<string>();
            for (var c = Count(reader); c > 0; c--)
            {
                loaded.Add(reader.ReadString());
            }

            tables.Add(new TableCheck(rowType, table, columns.ToImmutable(), loaded.ToImmutable()));
        }

        return new CompileRequest(text, path, assemblyName, references.ToImmutable(), tables.ToImmutable());
    }

    /// <summary>Writes the answer to a request and flushes.</summary>
    public static void WriteResult(Stream stream, CompileResult result)
    {
        using var payload = new MemoryStream((result.Assembly?.Length ?? 0) + 1024);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            if (result.Assembly is { } assembly)
            {
                writer.Write(Compiled);
                writer.Write(assembly.Length);
                writer.Write(assembly);
            }
            else
            {
                writer.Write(Errors);
                writer.Write(result.Errors.Length);
                foreach (var error in result.Errors)
                {
                    writer.Write(error.Id);
                    writer.Write(error.Message);
                    writer.Write(error.Line);
                }
            }
        }

        WriteFrame(stream, payload);
    }

    /// <summary>Writes a failure answer: the request could not be compiled at all (an unreadable reference, say).</summary>
    public static void WriteFailure(Stream stream, string message)
    {
        using var payload = new MemoryStream(message.Length + 16);
        using (var writer = new BinaryWriter(payload, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Version);
            writer.Write(Failure);
            writer.Write(message);
        }

        WriteFrame(stream, payload);
    }

    /// <summary>
    /// Reads an answer: the result, or throws <see cref="CompileWorkerFailedException"/> with the worker's failure
    /// message. Returns null at the end of the stream (the worker exited before answering).
    /// </summary>
    public static CompileResult? ReadResult(Stream stream)
    {
        if (ReadFrame(stream) is not { } payload)
        {
            return null;
        }

        using var reader = Reader(payload);
        switch (reader.ReadByte())
        {
            case Compiled:
                var length = Count(reader);
                var assembly = reader.ReadBytes(length);
                if (assembly.Length != length)
                {
                    throw new InvalidDataException("The compile worker's answer ends inside the assembly.");
                }

                return CompileResult.Compiled(assembly);
            case Errors:
                var errors = ImmutableArray.CreateBuilder<CompileDiagnostic>();
                for (var i = Count(reader); i > 0; i--)
                {
                    errors.Add(new CompileDiagnostic(reader.ReadString(), reader.ReadString(), reader.ReadInt32()));
                }

                return CompileResult.Failed(errors.ToImmutable());
            case Failure:
                throw new CompileWorkerFailedException(reader.ReadString());
            case var kind:
                throw new InvalidDataException($"The compile worker answered with an unknown kind {kind}.");
        }
    }

    private static BinaryReader Reader(byte[] payload)
    {
        var reader = new BinaryReader(new MemoryStream(payload, writable: false), Encoding.UTF8);
        var version = reader.ReadByte();
        if (version != Version)
        {
            reader.Dispose();
            throw new InvalidDataException($"The frame is of protocol version {version}; this side speaks version {Version}.");
        }

        return reader;
    }

    private static int Count(BinaryReader reader)
    {
        var count = reader.ReadInt32();
        return count is >= 0 and <= MaxFrameBytes ? count : throw new InvalidDataException($"A count of {count} is out of range.");
    }

    private static void WriteFrame(Stream stream, MemoryStream payload)
    {
        Span<byte> header = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(header, checked((int)payload.Length));
        stream.Write(header);
        stream.Write(payload.GetBuffer(), 0, (int)payload.Length);
        stream.Flush();
    }

    /// <summary>A whole frame's payload; null when the stream ends before a frame starts.</summary>
    private static byte[]? ReadFrame(Stream stream)
    {
        Span<byte> header = stackalloc byte[4];
        var read = stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return null;
        }

        if (read < header.Length)
        {
            throw new EndOfStreamException("The stream ended inside a frame header.");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header);
        if (length is < 1 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"A frame of {length} bytes is out of range (1 to {MaxFrameBytes}).");
        }

        var payload = new byte[length];
        stream.ReadExactly(payload);
        return payload;
    }
}

/// <summary>The compile worker could not compile a request at all; the message is the worker's.</summary>
public sealed class CompileWorkerFailedException(string message) : Exception(message);
