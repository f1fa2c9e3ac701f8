import { useLayoutEffect, useRef } from 'react';
import { echarts, type ChartOption } from './echarts';

interface ChartProps {
  option: ChartOption;
  /** What the chart shows, for screen readers (the data itself is also in a table nearby). */
  label: string;
  testId?: string;
  height?: number;
  empty?: string | null;
  onItemClick?(dataIndex: number): void;
}

/**
 * An ECharts canvas that follows its container's size. Drawn in a layout effect, so the chart is
 * on the canvas before the page reports itself ready.
 */
export function Chart({ option, label, testId, height = 280, empty, onItemClick }: ChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clickRef = useRef(onItemClick);
  useLayoutEffect(() => {
    clickRef.current = onItemClick;
  });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const instance = echarts.init(element, null, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      if (typeof params.dataIndex === 'number') clickRef.current?.(params.dataIndex);
    });
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useLayoutEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return (
    <div className="chart" style={{ height }}>
      <div ref={ref} className="chart-canvas" role="img" aria-label={label} data-testid={testId} style={{ height }} />
      {empty ? <div className="chart-empty">{empty}</div> : null}
    </div>
  );
}
