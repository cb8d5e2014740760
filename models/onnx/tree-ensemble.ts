import { onnx } from 'onnx-proto';
import type { Model } from '../gbt/model.ts';

/**
 * A gbt Model as one ai.onnx.ml TreeEnsembleRegressor node. Node ids are the model's own node
 * indices (root 0), so a tree reads the same in both files. Splits are BRANCH_LEQ (x <= threshold
 * goes to the true branch = left child) and NaN also takes the true branch
 * (nodes_missing_value_tracks_true = 1), which is how gbt's trees send missing values left.
 */
export function treeEnsembleNode(model: Model, input: string, output: string): onnx.INodeProto {
  const nodes = {
    treeIds: [] as number[],
    nodeIds: [] as number[],
    featureIds: [] as number[],
    modes: [] as string[],
    values: [] as number[],
    trueIds: [] as number[],
    falseIds: [] as number[],
    missingTracksTrue: [] as number[],
  };
  const targets = { treeIds: [] as number[], nodeIds: [] as number[], ids: [] as number[], weights: [] as number[] };

  model.trees.forEach((tree, t) => {
    for (let n = 0; n < tree.feature.length; n++) {
      const isLeaf = tree.feature[n]! < 0;
      nodes.treeIds.push(t);
      nodes.nodeIds.push(n);
      nodes.featureIds.push(isLeaf ? 0 : tree.feature[n]!);
      nodes.modes.push(isLeaf ? 'LEAF' : 'BRANCH_LEQ');
      nodes.values.push(isLeaf ? 0 : float32(tree.threshold[n]!, `threshold of tree ${t} node ${n}`));
      nodes.trueIds.push(isLeaf ? 0 : tree.left[n]!);
      nodes.falseIds.push(isLeaf ? 0 : tree.right[n]!);
      nodes.missingTracksTrue.push(isLeaf ? 0 : 1);
      if (!isLeaf) continue;
      targets.treeIds.push(t);
      targets.nodeIds.push(n);
      targets.ids.push(0);
      targets.weights.push(float32(tree.value[n]!, `leaf value of tree ${t} node ${n}`));
    }
  });

  return {
    name: 'gbt',
    opType: 'TreeEnsembleRegressor',
    domain: 'ai.onnx.ml',
    input: [input],
    output: [output],
    attribute: [
      string('aggregate_function', 'SUM'),
      floats('base_values', [float32(model.baseScore, 'base score')]),
      int('n_targets', 1),
      ints('nodes_falsenodeids', nodes.falseIds),
      ints('nodes_featureids', nodes.featureIds),
      ints('nodes_missing_value_tracks_true', nodes.missingTracksTrue),
      strings('nodes_modes', nodes.modes),
      ints('nodes_nodeids', nodes.nodeIds),
      ints('nodes_treeids', nodes.treeIds),
      ints('nodes_truenodeids', nodes.trueIds),
      floats('nodes_values', nodes.values),
      string('post_transform', 'NONE'),
      ints('target_ids', targets.ids),
      ints('target_nodeids', targets.nodeIds),
      ints('target_treeids', targets.treeIds),
      floats('target_weights', targets.weights),
    ],
  };
}

/**
 * ONNX stores these as float32; a value that is not one already would be rounded on the way
 * and the file would no longer predict what the TS model predicts, so refuse it.
 */
function float32(v: number, what: string): number {
  if (!Number.isFinite(v) || Math.fround(v) !== v) throw new RangeError(`Cannot export to ONNX: the ${what} is not a finite float32 value, was ${v}`);
  return v;
}

const { AttributeType } = onnx.AttributeProto;
const encoder = new TextEncoder();

function int(name: string, i: number): onnx.IAttributeProto {
  return { name, type: AttributeType.INT, i };
}
function ints(name: string, values: number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.INTS, ints: values };
}
function floats(name: string, values: number[]): onnx.IAttributeProto {
  return { name, type: AttributeType.FLOATS, floats: values };
}
function string(name: string, value: string): onnx.IAttributeProto {
  return { name, type: AttributeType.STRING, s: encoder.encode(value) };
}
function strings(name: string, values: string[]): onnx.IAttributeProto {
  return { name, type: AttributeType.STRINGS, strings: values.map((v) => encoder.encode(v)) };
}
