import '@adonisjs/core/types/http'

type ParamValue = string | number | bigint | boolean

export type ScannedRoutes = {
  ALL: {
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.captcha': { paramsTuple?: []; params?: {} }
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.todos.index': { paramsTuple?: []; params?: {} }
    'api.todos.counts': { paramsTuple?: []; params?: {} }
    'api.todos.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.periods': { paramsTuple?: []; params?: {} }
    'api.evaluation_stats.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_stats.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.index': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.export': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.store': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notices.index': { paramsTuple?: []; params?: {} }
    'api.notices.export': { paramsTuple?: []; params?: {} }
    'api.notices.estates': { paramsTuple?: []; params?: {} }
    'api.notices.store': { paramsTuple?: []; params?: {} }
    'api.notice_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipients.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notices.urge': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.received_notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_statistics.index': { paramsTuple?: []; params?: {} }
    'api.notice_statistics.export': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.index': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.export': { paramsTuple?: []; params?: {} }
    'api.notice_stats.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.messages.unread_count': { paramsTuple?: []; params?: {} }
    'api.messages.export': { paramsTuple?: []; params?: {} }
    'api.messages.read_all': { paramsTuple?: []; params?: {} }
    'api.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.tables': { paramsTuple?: []; params?: {} }
    'api.exports.index': { paramsTuple?: []; params?: {} }
    'api.exports.export': { paramsTuple?: []; params?: {} }
    'api.exports.store': { paramsTuple?: []; params?: {} }
    'api.exports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.store': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.calendar.years': { paramsTuple?: []; params?: {} }
    'api.calendar.years_update': { paramsTuple: [ParamValue]; params: {'year': ParamValue} }
    'api.calendar.days': { paramsTuple?: []; params?: {} }
    'api.calendar.days.export': { paramsTuple?: []; params?: {} }
    'api.calendar.days_upsert': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
    'api.calendar.days_destroy': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  GET: {
    'api.wechat.authorize': { paramsTuple?: []; params?: {} }
    'api.wechat.callback': { paramsTuple?: []; params?: {} }
    'api.session.csrf': { paramsTuple?: []; params?: {} }
    'api.session.captcha': { paramsTuple?: []; params?: {} }
    'api.session.show': { paramsTuple?: []; params?: {} }
    'api.users.index': { paramsTuple?: []; params?: {} }
    'api.users.export': { paramsTuple?: []; params?: {} }
    'api.users.stats': { paramsTuple?: []; params?: {} }
    'api.users.stats.export': { paramsTuple?: []; params?: {} }
    'api.users.stats_list': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.stats_list.export': { paramsTuple: [ParamValue,ParamValue]; params: {'category': ParamValue,'metric': ParamValue} }
    'api.users.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.users.options': { paramsTuple?: []; params?: {} }
    'api.todos.index': { paramsTuple?: []; params?: {} }
    'api.todos.counts': { paramsTuple?: []; params?: {} }
    'api.todos.export': { paramsTuple?: []; params?: {} }
    'api.project_stats.index': { paramsTuple?: []; params?: {} }
    'api.estates.index': { paramsTuple?: []; params?: {} }
    'api.project_stats.export': { paramsTuple?: []; params?: {} }
    'api.estates.export': { paramsTuple?: []; params?: {} }
    'api.filing_stats.index': { paramsTuple?: []; params?: {} }
    'api.estate_filings.index': { paramsTuple?: []; params?: {} }
    'api.filings.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.filing_stats.export': { paramsTuple?: []; params?: {} }
    'api.estate_filings.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.periods': { paramsTuple?: []; params?: {} }
    'api.evaluation_stats.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.index': { paramsTuple?: []; params?: {} }
    'api.evaluations.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_stats.export': { paramsTuple?: []; params?: {} }
    'api.evaluations.export': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.index': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.export': { paramsTuple?: []; params?: {} }
    'api.notices.index': { paramsTuple?: []; params?: {} }
    'api.notices.export': { paramsTuple?: []; params?: {} }
    'api.notices.estates': { paramsTuple?: []; params?: {} }
    'api.notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipients.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.received_notices.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_statistics.index': { paramsTuple?: []; params?: {} }
    'api.notice_statistics.export': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.index': { paramsTuple?: []; params?: {} }
    'api.notice_receipts.export': { paramsTuple?: []; params?: {} }
    'api.notice_stats.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.index': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_recipient_stats.export': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notice_attachments.download': { paramsTuple: [ParamValue,ParamValue]; params: {'id': ParamValue,'attachmentId': ParamValue} }
    'api.estates.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.index': { paramsTuple?: []; params?: {} }
    'api.messages.unread_count': { paramsTuple?: []; params?: {} }
    'api.messages.export': { paramsTuple?: []; params?: {} }
    'api.messages.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.tables': { paramsTuple?: []; params?: {} }
    'api.exports.index': { paramsTuple?: []; params?: {} }
    'api.exports.export': { paramsTuple?: []; params?: {} }
    'api.exports.show': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.exports.download': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.index': { paramsTuple?: []; params?: {} }
    'api.audit_logs.export': { paramsTuple?: []; params?: {} }
    'api.calendar.years': { paramsTuple?: []; params?: {} }
    'api.calendar.days': { paramsTuple?: []; params?: {} }
    'api.calendar.days.export': { paramsTuple?: []; params?: {} }
  }
  POST: {
    'api.identity.sms': { paramsTuple?: []; params?: {} }
    'api.identity.bind': { paramsTuple?: []; params?: {} }
    'api.session.sms': { paramsTuple?: []; params?: {} }
    'api.session.store': { paramsTuple?: []; params?: {} }
    'api.account.phone_code': { paramsTuple?: []; params?: {} }
    'api.account.unbind_wechat': { paramsTuple?: []; params?: {} }
    'api.account.deregister': { paramsTuple?: []; params?: {} }
    'api.users.store': { paramsTuple?: []; params?: {} }
    'api.filings.store': { paramsTuple?: []; params?: {} }
    'api.evaluations.submit': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluations.review': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.store': { paramsTuple?: []; params?: {} }
    'api.evaluation_templates.activate': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.notices.store': { paramsTuple?: []; params?: {} }
    'api.notice_attachments.upload': { paramsTuple?: []; params?: {} }
    'api.notices.urge': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.messages.read_all': { paramsTuple?: []; params?: {} }
    'api.exports.store': { paramsTuple?: []; params?: {} }
    'api.export_subscriptions.store': { paramsTuple?: []; params?: {} }
  }
  DELETE: {
    'api.session.destroy': { paramsTuple?: []; params?: {} }
    'api.session.destroy_all': { paramsTuple?: []; params?: {} }
    'api.filings.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.export_subscriptions.destroy': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.calendar.days_destroy': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  PUT: {
    'api.account.update': { paramsTuple?: []; params?: {} }
    'api.users.update_features': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.evaluation_templates.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
    'api.calendar.years_update': { paramsTuple: [ParamValue]; params: {'year': ParamValue} }
    'api.calendar.days_upsert': { paramsTuple: [ParamValue]; params: {'date': ParamValue} }
  }
  PATCH: {
    'api.filings.update': { paramsTuple: [ParamValue]; params: {'id': ParamValue} }
  }
}
declare module '@adonisjs/core/types/http' {
  export interface RoutesList extends ScannedRoutes {}
}