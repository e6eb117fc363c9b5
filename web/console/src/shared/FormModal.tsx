import { App, Form, Modal, type FormInstance } from 'antd';
import { useState, type ReactNode } from 'react';
import { reportError } from './feedback.js';

interface Props<V> {
  title: string;
  open: boolean;
  okText?: string;
  initialValues?: Partial<V>;
  onClose: () => void;
  /** Sends the form to the server; a rejection is shown on the form (field errors) or as a message. */
  onSubmit: (values: V) => Promise<void>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  width?: number;
}

/** A dialog holding one form: the shape every create/edit action in the console takes. */
export function FormModal<V extends object>({ title, open, okText = '保存', initialValues, onClose, onSubmit, children, width }: Props<V>) {
  const [form] = Form.useForm<V>();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);

  const finish = async (values: V) => {
    setBusy(true);
    try {
      await onSubmit(values);
      onClose();
    } catch (e) {
      reportError(e, message, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      title={title}
      open={open}
      okText={okText}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      // A fresh form on every opening: nothing typed into a cancelled dialog comes back.
      destroyOnHidden
      width={width ?? 560}
    >
      <Form form={form} layout="vertical" initialValues={initialValues} onFinish={(v) => void finish(v)} preserve={false}>
        {typeof children === 'function' ? children(form) : children}
      </Form>
    </Modal>
  );
}
