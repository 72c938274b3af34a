package org.medscribe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.admission.AdmissionReport;
import org.medscribe.inference.admission.CpuSupport;
import org.medscribe.inference.admission.MemoryEstimate;
import org.medscribe.inference.admission.ModelAdmission;
import org.medscribe.inference.admission.SystemMemory;
import org.medscribe.inference.gguf.GgufFile;
import org.medscribe.inference.gguf.GgufModelInfo;
import org.medscribe.inference.gguf.GgufReader;
import org.medscribe.inference.gguf.GgufTensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code medscribe inspect MODEL [--context N]}: reads a GGUF model's header in Java (no native code)
 * and prints what it is, its tensor table and whether this machine can run it, as JSON on stdout. Exit 0 for any
 * readable GGUF file, supported or not (the JSON says which); exit 2 with a one-line reason for a
 * missing, damaged or non-GGUF file.
 */
@Command(name = "inspect",
        mixinStandardHelpOptions = true,
        description = "Read a GGUF model's header and report architecture, size, quantization, memory need "
                + "and whether the built-in engine can run it (JSON).")
public final class InspectCommand implements Callable<Integer> {

    private final CliContext context;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The .gguf model file.")
    Path model;

    @Option(names = "--context", paramLabel = "N", description = "Context size in tokens for the memory estimate "
            + "(default: ${DEFAULT-VALUE}).")
    int contextSize = EngineSettings.DEFAULT_CONTEXT;

    InspectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        ModelAdmission admission = new ModelAdmission(SystemMemory.current());
        // Read once: the report summarises the header, the tensor table is printed from the same parse.
        GgufFile file = GgufReader.read(model);
        AdmissionReport report = admission.report(file, contextSize);
        CpuSupport.CpuCheck cpu = admission.checkCpu();
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode node = toJson(json, model, report, cpu);
        node.put("tensor_data_offset", file.dataOffset());
        node.set("tensors", tensorsJson(json, file));
        context.out().println(json.writeValueAsString(node));
        context.out().flush();
        return MedScribeCommand.OK;
    }

    static ObjectNode toJson(ObjectMapper json, Path model, AdmissionReport report, CpuSupport.CpuCheck cpu) {
        GgufModelInfo info = report.info();
        MemoryEstimate estimate = report.estimate();
        ObjectNode node = json.createObjectNode();
        node.put("path", model.toAbsolutePath().normalize().toString());
        node.put("file_bytes", info.fileSize());
        node.put("gguf_version", info.version());
        node.put("architecture", info.architecture());
        node.put("name", info.name());
        node.put("parameter_count", info.parameterCount());
        node.put("quantization", info.quantization());
        if (info.fileType() >= 0) {
            node.put("file_type", info.fileType());
        } else {
            node.putNull("file_type");
        }
        node.put("context_length", info.contextLength());
        node.put("embedding_length", info.embeddingLength());
        node.put("block_count", info.blockCount());
        node.put("head_count", info.headCount());
        node.put("head_count_kv", info.headCountKv());
        node.put("vocab_size", info.vocabularySize());
        node.put("tokenizer_model", info.tokenizerModel());
        node.put("chat_template_present", info.chatTemplate() != null);
        node.put("chat_template", info.chatTemplate());
        node.put("tensor_count", info.tensorCount());
        node.put("tensor_data_bytes", info.tensorDataBytes());
        node.put("split_count", info.splitCount());
        node.put("requested_context", estimate.contextSize());
        node.put("estimated_ram_bytes", estimate.totalBytes());
        ObjectNode breakdown = node.putObject("estimated_ram");
        breakdown.put("weights_bytes", estimate.weightsBytes());
        breakdown.put("kv_cache_bytes", estimate.kvCacheBytes());
        breakdown.put("compute_bytes", estimate.computeBytes());
        breakdown.put("overhead_bytes", estimate.overheadBytes());
        node.put("available_ram_bytes", report.availableBytes());
        node.put("fits", report.fits());
        node.put("suggested_context", report.suggestedContextSize());
        node.put("supported", report.supported());
        switch (cpu.status()) {
            case SUPPORTED -> node.put("cpu_supported", true);
            case UNSUPPORTED -> node.put("cpu_supported", false);
            case UNKNOWN -> node.putNull("cpu_supported");
        }
        node.putPOJO("cpu_missing_features", cpu.missingFeatures());
        return node;
    }

    /**
     * The tensor table in file order. {@code offset} is relative to the data section, which starts at
     * {@code tensor_data_offset} in the file; {@code dimensions} are innermost first (ggml order).
     */
    static ArrayNode tensorsJson(ObjectMapper json, GgufFile file) {
        ArrayNode tensors = json.createArrayNode();
        for (GgufTensor tensor : file.tensors()) {
            ObjectNode entry = tensors.addObject();
            entry.put("name", tensor.name());
            entry.put("type", tensor.type().name());
            ArrayNode dimensions = entry.putArray("dimensions");
            tensor.dimensions().forEach(dimensions::add);
            entry.put("elements", tensor.elementCount());
            entry.put("offset", tensor.offset());
            entry.put("bytes", tensor.byteSize());
        }
        return tensors;
    }
}
