/**
 * Generates a tiny, real transformers.js model folder for offline tests: a BERT-style
 * WordPiece tokenizer and an ONNX graph that is a single Gather from an embedding table
 * (`last_hidden_state = embeddings[input_ids]`), written with protobufjs from a subset of onnx.proto.
 * Words of the same topic get nearby embeddings, so similarity is meaningful.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import protobuf from 'protobufjs';

const ONNX_SUBSET = `
syntax = "proto3";
package onnx;
message OperatorSetIdProto { string domain = 1; int64 version = 2; }
message TensorShapeProto {
  message Dimension { oneof value { int64 dim_value = 1; string dim_param = 2; } }
  repeated Dimension dim = 1;
}
message TypeProto {
  message Tensor { int32 elem_type = 1; TensorShapeProto shape = 2; }
  oneof value { Tensor tensor_type = 1; }
}
message ValueInfoProto { string name = 1; TypeProto type = 2; }
message TensorProto {
  repeated int64 dims = 1;
  int32 data_type = 2;
  repeated float float_data = 4;
  string name = 8;
}
message NodeProto {
  repeated string input = 1;
  repeated string output = 2;
  string name = 3;
  string op_type = 4;
}
message GraphProto {
  repeated NodeProto node = 1;
  string name = 2;
  repeated TensorProto initializer = 5;
  repeated ValueInfoProto input = 11;
  repeated ValueInfoProto output = 12;
}
message ModelProto {
  int64 ir_version = 1;
  string producer_name = 2;
  GraphProto graph = 7;
  repeated OperatorSetIdProto opset_import = 8;
}
`;

const FLOAT = 1;
const INT64 = 7;

/** Topic groups: words in a group share a direction in embedding space. */
const TINY_TOPICS: readonly (readonly string[])[] = [
  [
    'pool',
    'pgbouncer',
    'connection',
    'connections',
    'exhausted',
    'exhaustion',
    'waiting',
    'postgres',
  ],
  ['disk', 'full', 'volume', 'wal', 'enospc', 'space', 'archiving'],
  ['certificate', 'expired', 'tls', 'x509', 'handshake', 'intermediate'],
  ['retry', 'retries', 'storm', 'jitter', 'backoff', 'timeout'],
];
export const TINY_DIMENSIONS = 8;

function vocabulary(): string[] {
  const words = [
    '[PAD]',
    '[UNK]',
    '[CLS]',
    '[SEP]',
    '[MASK]',
    ...TINY_TOPICS.flat(),
    'the',
    'a',
    'on',
    'of',
    'and',
    '##s',
    '##ed',
    '##ing',
  ];
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') words.push(c, `##${c}`);
  return [...new Set(words)];
}

function embeddingTable(vocab: string[]): number[] {
  const data: number[] = [];
  vocab.forEach((word, index) => {
    const topic = TINY_TOPICS.findIndex((t) => t.includes(word));
    for (let d = 0; d < TINY_DIMENSIONS; d++) {
      // Topic words: a strong component on their topic axis plus a small word-specific wobble.
      // Everything else: small values off the topic axes, so it barely moves the mean.
      const wobble = (((index * 31 + d * 17) % 13) - 6) / 60;
      data.push(
        topic >= 0
          ? (d === topic ? 1 : 0) + wobble
          : d >= TINY_TOPICS.length
            ? 0.05 + wobble / 4
            : wobble / 10,
      );
    }
  });
  return data;
}

/** Writes `<root>/<modelId>/` with config.json, tokenizer.json, tokenizer_config.json, onnx/model.onnx. */
async function writeTinyModel(
  root: string,
  modelId = 'casebook-test/tiny-bert',
): Promise<{ root: string; modelId: string; dimensions: number }> {
  const dir = join(root, modelId);
  await mkdir(join(dir, 'onnx'), { recursive: true });
  const vocab = vocabulary();
  const ids = Object.fromEntries(vocab.map((w, i) => [w, i]));
  const special = (content: string) => ({
    id: ids[content],
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  });
  const tokenizer = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map(special),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: null,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': { id: '[CLS]', ids: [ids['[CLS]']], tokens: ['[CLS]'] },
        '[SEP]': { id: '[SEP]', ids: [ids['[SEP]']], tokens: ['[SEP]'] },
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: 100,
      vocab: ids,
    },
  };
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', hidden_size: TINY_DIMENSIONS }),
  );
  await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer));
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    }),
  );

  const root_ = protobuf.parse(ONNX_SUBSET, { keepCase: true }).root;
  const ModelProto = root_.lookupType('onnx.ModelProto');
  const dim = (d: string) => ({ dim_param: d });
  const model = {
    ir_version: 8,
    producer_name: 'casebook-tests',
    opset_import: [{ domain: '', version: 13 }],
    graph: {
      name: 'tiny-gather',
      node: [
        {
          input: ['embeddings', 'input_ids'],
          output: ['last_hidden_state'],
          name: 'gather',
          op_type: 'Gather',
        },
      ],
      initializer: [
        {
          name: 'embeddings',
          data_type: FLOAT,
          dims: [vocab.length, TINY_DIMENSIONS],
          float_data: embeddingTable(vocab),
        },
      ],
      input: [
        {
          name: 'input_ids',
          type: {
            tensor_type: { elem_type: INT64, shape: { dim: [dim('batch'), dim('sequence')] } },
          },
        },
      ],
      output: [
        {
          name: 'last_hidden_state',
          type: {
            tensor_type: {
              elem_type: FLOAT,
              shape: { dim: [dim('batch'), dim('sequence'), { dim_value: TINY_DIMENSIONS }] },
            },
          },
        },
      ],
    },
  };
  const problem = ModelProto.verify(model);
  if (problem) throw new Error(`tiny model: ${problem}`);
  await writeFile(
    join(dir, 'onnx', 'model.onnx'),
    ModelProto.encode(ModelProto.fromObject(model)).finish(),
  );
  return { root, modelId, dimensions: TINY_DIMENSIONS };
}

/** A temp folder holding a tiny model. */
export async function makeTinyModel(): Promise<{
  root: string;
  modelId: string;
  dimensions: number;
}> {
  return writeTinyModel(await mkdtemp(join(tmpdir(), 'casebook-model-')));
}
