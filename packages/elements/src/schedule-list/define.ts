import { defineElement } from '../core/define-element.ts';
import { ScheduleList } from './schedule-list.ts';

defineElement('schedule-list', ScheduleList);
