import { Handle, type Node, type NodeProps, Position } from '@xyflow/react';
import type { GraphNode } from '../../../../core/strategy/graph';
import { type BuilderIssue, inputSlots, nodeSummary, outputKind, TYPE_LABELS } from './graph-model';

export type StrategyFlowNode = Node<{ node: GraphNode; issues: BuilderIssue[] }, 'strategy'>;

/**
 * One node on the canvas: its type and id, what it computes, an input handle per input (left)
 * and its output (right; actions have none), and its problems in red.
 */
export function StrategyNodeCard({ data, selected }: NodeProps<StrategyFlowNode>) {
  const { node, issues } = data;
  const kind = outputKind(node);
  return (
    <section
      aria-label={`Node ${node.id}`}
      className={`strategy-node kind-${kind}${issues.length ? ' has-issues' : ''}${selected ? ' selected' : ''}`}
    >
      <header>
        <span className="node-type">{TYPE_LABELS[node.type]}</span>
        <strong className="node-id">{node.id}</strong>
      </header>
      <div className="node-summary">{nodeSummary(node)}</div>
      {inputSlots(node).map((slot) => (
        <div key={slot.handle} className={`node-input kind-${slot.kind}`}>
          <Handle type="target" position={Position.Left} id={slot.handle} />
          <span>
            {slot.label}
            {slot.id ? ` ← ${slot.id}` : ''}
          </span>
        </div>
      ))}
      {kind !== 'action' && (
        <div className={`node-output kind-${kind}`}>
          <span>{kind === 'number' ? 'number' : 'true/false'}</span>
          <Handle type="source" position={Position.Right} id="out" />
        </div>
      )}
      {issues.length > 0 && (
        <ul className="node-issues" aria-label={`Problems of ${node.id}`}>
          {issues.map((i) => (
            <li key={i.message}>{i.message}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
