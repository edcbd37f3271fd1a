/**
 * Time controls: the graph's range, end and step (auto like Prometheus or explicit), or the
 * table's evaluation time; validated as typed and applied on Enter/blur. The evaluation
 * time is shown in UTC and local time.
 */
import { useEffect, useState } from 'react';
import { autoStepMs, formatDuration, MAX_POINTS_PER_SERIES, parseDuration } from '../state/duration.ts';
import { formatTimeLocal, formatTimeUTC, parseTime } from '../state/format.ts';
import type { Tab } from '../state/url-state.ts';

export const MIN_RANGE_MS = 5 * 60_000;

export interface TimeSettings {
  readonly endMs: number;
  readonly rangeMs: number;
  /** null = auto. */
  readonly stepMs: number | null;
}

export interface TimeControlsProps {
  readonly tab: Tab;
  readonly settings: TimeSettings;
  /** The dataset's time span, for bounds and the reset buttons. */
  readonly span: { readonly minMs: number; readonly maxMs: number };
  readonly onChange: (next: { endMs?: number | null; rangeMs?: number | null; stepMs?: number | null }) => void;
}

/** Validates a range against the dataset span; returns an error text or null. */
export function validateRange(rangeMs: number, spanMs: number): string | null {
  if (!Number.isFinite(rangeMs)) return 'not a duration (e.g. 1h, 30m)';
  const max = Math.max(spanMs, MIN_RANGE_MS);
  if (rangeMs < MIN_RANGE_MS) return `at least ${formatDuration(MIN_RANGE_MS)}`;
  if (rangeMs > max) return `at most ${formatDuration(max)} (the dataset's span)`;
  return null;
}

/** Validates an explicit step for a range; returns an error text or null. */
export function validateStep(stepMs: number, rangeMs: number): string | null {
  if (!Number.isFinite(stepMs) || stepMs <= 0) return 'not a positive duration (e.g. 15s, 1m)';
  if (rangeMs / stepMs > MAX_POINTS_PER_SERIES) return `too many points (over ${MAX_POINTS_PER_SERIES.toLocaleString('en-US')}); use at least ${formatDuration(Math.ceil(rangeMs / MAX_POINTS_PER_SERIES / 1000) * 1000)}`;
  return null;
}

function Field(props: {
  id: string;
  label: string;
  value: string;
  placeholder?: string;
  width: string;
  validate: (text: string) => string | null;
  onCommit: (text: string) => void;
}) {
  const [text, setText] = useState(props.value);
  useEffect(() => setText(props.value), [props.value]);
  const error = text === props.value ? null : props.validate(text);
  const commit = () => {
    if (text !== props.value && !props.validate(text)) props.onCommit(text);
  };
  return (
    <span className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <input
        id={props.id}
        data-testid={props.id}
        style={{ width: props.width }}
        value={text}
        placeholder={props.placeholder}
        aria-invalid={error !== null}
        aria-describedby={error ? `${props.id}-error` : undefined}
        onChange={(e) => setText(e.target.value)}
        onBlur={commit}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit();
          if (e.key === 'Escape') setText(props.value);
        }}
      />
      {error && (
        <span className="error-text small" id={`${props.id}-error`} role="alert">
          {error}
        </span>
      )}
    </span>
  );
}

export function TimeControls({ tab, settings, span, onChange }: TimeControlsProps) {
  const spanMs = span.maxMs - span.minMs;
  const { endMs, rangeMs, stepMs } = settings;
  const effectiveStep = stepMs ?? autoStepMs(rangeMs);
  const endField = (
    <Field
      id={tab === 'table' ? 'eval-time' : 'end-time'}
      label={tab === 'table' ? 'Evaluation time' : 'End'}
      value={formatTimeUTC(endMs)}
      width="13.5em"
      validate={(t) => (Number.isNaN(parseTime(t)) ? 'use YYYY-MM-DD HH:MM:SS (UTC)' : null)}
      onCommit={(t) => onChange({ endMs: parseTime(t) })}
    />
  );
  return (
    <div className="time-controls" role="group" aria-label="Time">
      {tab === 'graph' && (
        <>
          <span className="field">
            <button type="button" className="icon-button" aria-label="Halve the range" onClick={() => onChange({ rangeMs: Math.max(MIN_RANGE_MS, Math.round(rangeMs / 2 / 1000) * 1000) })}>
              −
            </button>
            <Field
              id="range-input"
              label="Range"
              value={formatDuration(rangeMs)}
              width="5.5em"
              validate={(t) => validateRange(parseDuration(t), spanMs)}
              onCommit={(t) => onChange({ rangeMs: parseDuration(t) })}
            />
            <button type="button" className="icon-button" aria-label="Double the range" onClick={() => onChange({ rangeMs: Math.min(Math.max(spanMs, MIN_RANGE_MS), rangeMs * 2) })}>
              +
            </button>
          </span>
          {endField}
          <Field
            id="step-input"
            label="Step"
            value={stepMs === null ? '' : formatDuration(stepMs)}
            placeholder={`auto (${formatDuration(effectiveStep)})`}
            width="9em"
            validate={(t) => (t.trim() === '' ? null : validateStep(parseDuration(t), rangeMs))}
            onCommit={(t) => onChange({ stepMs: t.trim() === '' ? null : parseDuration(t) })}
          />
        </>
      )}
      {tab === 'table' && endField}
      <button type="button" className="secondary small-button" onClick={() => onChange({ endMs: null, rangeMs: null, stepMs: null })}>
        Dataset window
      </button>
      <span className="subtle small time-echo" data-testid="time-echo">
        {tab === 'graph' ? `${formatTimeUTC(endMs - rangeMs)} → ` : ''}
        {formatTimeUTC(endMs)} · local {formatTimeLocal(endMs)}
        {tab === 'graph' ? ` · ${Math.floor(rangeMs / effectiveStep) + 1} steps of ${formatDuration(effectiveStep)}` : ''}
      </span>
    </div>
  );
}
